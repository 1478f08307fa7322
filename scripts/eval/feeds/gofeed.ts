import { detectKind } from "../../../src/sources/parsers/detect";
import { parseFeed } from "../../../src/sources/parsers/feed.parser";
import type { FeedItemEx, ParsedFeedEx } from "../../../src/sources/parsers/feed.model";
import { authorName } from "../../../src/sources/parsers/authors";
import { readCorpusFile, readCorpusJson } from "../corpus";
import { decodeFeedBytes } from "./decode";
import { sameInstant, sameLanguage, sameList, sameText, sameUrl, score, type SubsetScore } from "./compare";

interface GofeedCase {
  id: string;
  files: string[];
  expected?: { feedType: string | null; feedTitle: string | null; hasError: boolean };
}

type J = Record<string, any>;
type Check = [field: string, ok: boolean];

/** gofeed's universal model fields that exist in ours; everything else (links, copyright, generator, extensions…) is excluded. */
function feedChecks(exp: J, got: ParsedFeedEx): Check[] {
  const checks: Check[] = [];
  if (exp.title !== undefined) checks.push(["feed.title", sameText(exp.title, got.title)]);
  if (exp.description !== undefined) checks.push(["feed.description", sameText(exp.description, got.description)]);
  if (exp.link !== undefined) checks.push(["feed.link", sameUrl(exp.link, got.link)]);
  if (exp.language !== undefined) checks.push(["feed.language", sameLanguage(exp.language, got.language)]);
  if (exp.updatedParsed !== undefined) checks.push(["feed.updated", sameInstant(exp.updatedParsed, got.updatedAt)]);
  if (exp.image?.url !== undefined) checks.push(["feed.image", sameUrl(exp.image.url, got.imageUrl)]);
  const authors = personNames(exp.authors);
  if (authors.length) checks.push(["feed.authors", sameList(authors, got.authors)]);
  return checks;
}

function itemChecks(exp: J, got: FeedItemEx | undefined, i: number): Check[] {
  const at = (f: string) => `items[${i}].${f}`;
  if (!got) return [[at("present"), false]];
  const checks: Check[] = [];
  if (exp.title !== undefined) checks.push([at("title"), sameText(exp.title, got.title)]);
  if (exp.description !== undefined) checks.push([at("description"), sameText(exp.description, got.summary)]);
  if (exp.content !== undefined) checks.push([at("content"), sameText(exp.content, got.bodyText ?? got.bodyHtml)]);
  if (exp.link !== undefined) checks.push([at("link"), sameUrl(exp.link, got.url)]);
  if (exp.guid !== undefined) checks.push([at("guid"), sameText(exp.guid, got.guid)]);
  if (exp.publishedParsed !== undefined) checks.push([at("published"), sameInstant(exp.publishedParsed, got.publishedAt)]);
  if (exp.updatedParsed !== undefined) checks.push([at("updated"), sameInstant(exp.updatedParsed, got.updatedAt ?? got.publishedAt)]);
  if (exp.image?.url !== undefined) checks.push([at("image"), got.images.some((img) => sameUrl(exp.image.url, img.url))]);
  // Tags are a set: gofeed's order (keywords before subjects) is not a property of the feed.
  if (Array.isArray(exp.categories)) checks.push([at("categories"), sameList([...exp.categories].sort(), [...(got.tags ?? [])].sort())]);
  const authors = personNames(exp.authors);
  if (authors.length) checks.push([at("authors"), sameList(authors, got.authors)]);
  if (Array.isArray(exp.enclosures)) {
    const urls = [...got.enclosures.map((e) => e.url), ...got.images.map((img) => img.url)];
    checks.push([at("enclosures"), exp.enclosures.every((e: J) => urls.some((u) => sameUrl(e.url, u)))]);
  }
  return checks;
}

/** gofeed keeps name and email apart; ours keeps the name only, so email-only people are not compared. */
function personNames(people: J[] | undefined): string[] {
  if (!Array.isArray(people)) return [];
  return people.map((p) => authorName(p.name) ?? "").filter(Boolean);
}

export function evalGofeedTranslator(): SubsetScore {
  const cases = readCorpusJson<{ cases: GofeedCase[] }>("gofeed/cases.json").cases.filter((c) => c.id.startsWith("translator/"));
  let passed = 0;
  let total = 0;
  let excluded = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const input = c.files.find((f) => !f.endsWith("_expected.json") && (f.endsWith(".xml") || c.id.startsWith("translator/json")))!;
    const expectedFile = c.files.find((f) => f !== input)!;
    const expected = readCorpusJson<J>(`gofeed/${expectedFile}`);
    let feed: ParsedFeedEx;
    try {
      feed = parseFeed(decodeFeedBytes(readCorpusFile(`gofeed/${input}`)));
    } catch (err) {
      total++;
      failures.push(`${c.id}: threw ${(err as Error).message}`);
      continue;
    }
    const items: J[] = Array.isArray(expected.items) ? expected.items : [];
    const checks = [...feedChecks(expected, feed), ...items.flatMap((it, i) => itemChecks(it, feed.items[i], i))];
    if (!checks.length) {
      excluded++;
      continue;
    }
    total++;
    const bad = checks.filter(([, ok]) => !ok).map(([f]) => f);
    if (bad.length) failures.push(`${c.id}: ${bad.join(", ")}`);
    else passed++;
  }
  return score("gofeed translator (universal model)", passed, total,
    `${excluded} cases excluded: they only test fields our model lacks (copyright, generator, links, feedLink, extensions, email-only authors)` +
      (failures.length ? `; failing: ${failures.join(" | ")}` : ""));
}

const KIND_TO_GOFEED: Record<string, string> = { rss: "rss", rdf: "rss", atom: "atom", jsonfeed: "json" };

export function evalGofeedDetection(): SubsetScore {
  const cases = readCorpusJson<{ cases: GofeedCase[] }>("gofeed/cases.json").cases.filter((c) => c.id.startsWith("parser/universal/"));
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const exp = c.expected!;
    const text = decodeFeedBytes(readCorpusFile(`gofeed/${c.files[0]}`));
    const kind = detectKind(text);
    let title: string | undefined;
    let threw = false;
    try {
      title = parseFeed(text).title;
    } catch {
      threw = true;
    }
    const ok = threw === exp.hasError && (exp.hasError || (KIND_TO_GOFEED[kind ?? ""] === exp.feedType && sameText(exp.feedTitle, title)));
    if (ok) passed++;
    else failures.push(`${c.id}: kind=${kind} title=${title} threw=${threw}`);
  }
  return score("gofeed parser/universal detection", passed, cases.length, failures.length ? `failing: ${failures.join(" | ")}` : undefined);
}
