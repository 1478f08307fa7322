import { authorName } from "../../../src/sources/parsers/authors";
import { parseDate } from "../../../src/sources/parsers/dates";
import { parseFeed } from "../../../src/sources/parsers/feed.parser";
import type { FeedItemEx, ParsedFeedEx } from "../../../src/sources/parsers/feed.model";
import { readCorpusFile, readCorpusJson } from "../corpus";
import { decodeFeedBytes } from "./decode";
import { sameInstant, sameLanguage, sameText, sameUrl, score, type SubsetScore } from "./compare";
import { parseExpr, type Node } from "./pyexpr";

const UNMAPPED = Symbol("unmapped");
const MISSING = Symbol("missing");

type Kind = "text" | "url" | "lang" | "date" | "bool" | "person";

/** A value of our model standing in for a feedparser key, compared with that kind's normalisation. */
class Field {
  constructor(readonly kind: Kind, readonly value: unknown) {}
}

class View {
  constructor(private readonly fields: Record<string, () => unknown>) {}
  get(key: unknown): unknown {
    const getter = typeof key === "string" && Object.prototype.hasOwnProperty.call(this.fields, key) ? this.fields[key] : undefined;
    return getter ? getter() : UNMAPPED;
  }
}

const text = (v: unknown) => () => new Field("text", v);
const url = (v: unknown) => () => new Field("url", v);
const date = (v: Date | undefined) => () => new Field("date", v);
const lang = (v: unknown) => () => new Field("lang", v);
const person = (v: unknown) => () => new Field("person", v);

/** A list whose out-of-range elements read as an empty view, so unmapped keys stay unmapped. */
function listOf(views: View[], empty: View): View[] & { empty: View } {
  return Object.assign(views, { empty });
}

function personView(name: string | undefined): View {
  return new View({ name: person(name) });
}

function feedView(feed: ParsedFeedEx): View {
  const detail = (v: unknown) => () => new View({ value: text(v) });
  const desc = feed.description;
  return new View({
    title: text(feed.title),
    title_detail: detail(feed.title),
    link: url(feed.link),
    subtitle: text(desc), tagline: text(desc), description: text(desc),
    subtitle_detail: detail(desc), tagline_detail: detail(desc),
    language: lang(feed.language),
    author: person(feed.authors[0]),
    author_detail: () => personView(feed.authors[0]),
    authors: () => listOf(feed.authors.map(personView), personView(undefined)),
    updated: date(feed.updatedAt), updated_parsed: date(feed.updatedAt),
    modified: date(feed.updatedAt), modified_parsed: date(feed.updatedAt),
    image: () => new View({ href: url(feed.imageUrl), url: url(feed.imageUrl) }),
  });
}

function entryView(item: FeedItemEx): View {
  const summary = item.summary ?? item.bodyText;
  const updated = item.updatedAt ?? item.publishedAt;
  const detail = (v: unknown) => () => new View({ value: text(v), language: lang(item.language) });
  const links = [...item.enclosures.map((e) => e.url), ...item.images.map((i) => i.url)];
  return new View({
    title: text(item.title), title_detail: detail(item.title),
    link: url(item.url), id: text(item.guid), guid: text(item.guid),
    summary: text(summary), description: text(summary), summary_detail: detail(summary),
    content: () => {
      const view = new View({ value: text(item.bodyText ?? item.bodyHtml), language: lang(item.language) });
      return listOf(item.bodyText || item.bodyHtml ? [view] : [], new View({ value: text(undefined) }));
    },
    author: person(item.authors[0]),
    author_detail: () => personView(item.authors[0]),
    authors: () => listOf(item.authors.map(personView), personView(undefined)),
    published: date(item.publishedAt), published_parsed: date(item.publishedAt),
    issued: date(item.publishedAt), issued_parsed: date(item.publishedAt),
    updated: date(updated), updated_parsed: date(updated), modified: date(updated), modified_parsed: date(updated),
    tags: () => listOf((item.tags ?? []).map((t) => new View({ term: text(t), label: text(t) })), new View({ term: text(undefined), label: text(undefined) })),
    category: text(item.category),
    enclosures: () => listOf(links.map((u) => new View({ href: url(u), url: url(u) })), new View({ href: url(undefined), url: url(undefined) })),
    comments: url(item.commentsUrl),
    source: () => new View({ title: text(item.sourceTitle), href: url(item.sourceUrl), url: url(item.sourceUrl) }),
  });
}

interface Ctx {
  names: Record<string, unknown>;
  touched: number;
}

function evaluate(node: Node, ctx: Ctx): unknown {
  switch (node.t) {
    case "lit":
      return node.v;
    case "name":
      return node.id in ctx.names ? ctx.names[node.id] : UNMAPPED;
    case "tuple":
    case "list":
      return node.items.map((n) => evaluate(n, ctx));
    case "dict":
      return UNMAPPED;
    case "neg": {
      const v = evaluate(node.operand, ctx);
      return typeof v === "number" ? -v : UNMAPPED;
    }
    case "sub":
      return subscript(evaluate(node.target, ctx), evaluate(node.index, ctx), ctx);
    case "attr":
      return attribute(evaluate(node.target, ctx), node.name, ctx);
    case "call":
      return call(evaluate(node.fn, ctx), node.args.map((a) => evaluate(a, ctx)));
    case "bin": {
      const [l, r] = [evaluate(node.left, ctx), evaluate(node.right, ctx)];
      if (node.op === "+" && typeof l === "string" && typeof r === "string") return l + r;
      if (node.op === "+" && typeof l === "number" && typeof r === "number") return l + r;
      return UNMAPPED;
    }
    case "not": {
      const v = evaluate(node.operand, ctx);
      return v === UNMAPPED ? UNMAPPED : !truthy(v);
    }
    case "bool":
      return boolOp(node.op, node.operands.map((n) => evaluate(n, ctx)));
    case "cmp":
      return compareChain(node.ops, node.operands.map((n) => evaluate(n, ctx)));
  }
}

function subscript(target: unknown, index: unknown, ctx: Ctx): unknown {
  if (target === UNMAPPED || index === UNMAPPED) return UNMAPPED;
  if (target === MISSING) return MISSING;
  if (target instanceof View) return touch(target.get(index), ctx);
  if (Array.isArray(target) && typeof index === "number") {
    const i = index < 0 ? target.length + index : index;
    if (i >= 0 && i < target.length) return target[i];
    return (target as { empty?: View }).empty ?? MISSING;
  }
  return UNMAPPED;
}

function attribute(target: unknown, name: string, ctx: Ctx): unknown {
  if (target === UNMAPPED) return UNMAPPED;
  if (target === MISSING) return MISSING;
  if (target instanceof View) {
    if (name === "get") return (key: unknown, fallback: unknown = null) => {
      const v = touch(target.get(key), ctx);
      return v === MISSING || (v instanceof Field && v.value === undefined) ? fallback : v;
    };
    return touch(target.get(name), ctx);
  }
  return UNMAPPED;
}

function touch(value: unknown, ctx: Ctx): unknown {
  if (value !== UNMAPPED) ctx.touched++;
  return value;
}

function call(fn: unknown, args: unknown[]): unknown {
  if (typeof fn === "function") return fn(...args);
  if (fn === "len") {
    const v = args[0];
    if (Array.isArray(v)) return v.length;
    if (v instanceof Field && typeof v.value === "string") return v.value.length;
  }
  return UNMAPPED;
}

function boolOp(op: "and" | "or", values: unknown[]): unknown {
  const mapped = values.filter((v) => v !== UNMAPPED);
  // An "and" keeps the conjuncts that map onto our model; an "or" with an unmapped branch is undecidable.
  if (op === "or" && mapped.length !== values.length) return UNMAPPED;
  if (!mapped.length) return UNMAPPED;
  return op === "and" ? mapped.every(truthy) : mapped.some(truthy);
}

function compareChain(ops: string[], operands: unknown[]): unknown {
  let result: unknown = true;
  for (let i = 0; i < ops.length; i++) {
    const r = compare(ops[i], operands[i], operands[i + 1]);
    if (r === UNMAPPED) return UNMAPPED;
    result = result && r;
  }
  return result;
}

function compare(op: string, a: unknown, b: unknown): unknown {
  if (a === UNMAPPED || b === UNMAPPED || op === "in" || op === "not in") return UNMAPPED;
  if (a === MISSING || b === MISSING) return false;
  if (op === "==" || op === "is") return equal(a, b);
  if (op === "!=" || op === "is not") {
    const e = equal(a, b);
    return e === UNMAPPED ? UNMAPPED : !e;
  }
  return typeof a === "number" && typeof b === "number" ? numeric(op, a, b) : UNMAPPED;
}

function numeric(op: string, a: number, b: number): boolean {
  return op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
}

function equal(a: unknown, b: unknown): unknown {
  if (a instanceof Field) return fieldEquals(a, b);
  if (b instanceof Field) return fieldEquals(b, a);
  if (a instanceof View || b instanceof View) return UNMAPPED;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]) === true);
  return a === b;
}

function fieldEquals(field: Field, other: unknown): unknown {
  if (field.kind === "bool") return typeof other === "boolean" || typeof other === "number" ? Boolean(field.value) === Boolean(other) : UNMAPPED;
  if (field.kind === "date") return dateEquals(field.value as Date | undefined, other);
  if (typeof other !== "string" && other !== null) return UNMAPPED;
  if (field.kind === "url") return sameUrl(other ?? "", field.value);
  if (field.kind === "lang") return sameLanguage(other, field.value);
  if (field.kind === "person") return sameText(authorName(other ?? "") ?? "", field.value);
  return sameText(other, field.value);
}

function dateEquals(value: Date | undefined, other: unknown): unknown {
  if (Array.isArray(other)) {
    if (!value) return false;
    const parts = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds()];
    return parts.every((p, i) => p === other[i]);
  }
  if (typeof other !== "string") return UNMAPPED;
  const expected = Number.isNaN(Date.parse(other)) ? parseDate(other) : new Date(Date.parse(other));
  return expected ? sameInstant(expected, value) : UNMAPPED;
}

function truthy(v: unknown): boolean {
  if (v === MISSING || v === UNMAPPED || v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (v instanceof Field) return v.kind === "bool" ? Boolean(v.value) : v.value !== undefined && v.value !== "";
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

interface FeedparserCase {
  path: string;
  expect: string;
  headers?: string[];
}

/** Bozo here is XML well-formedness; feedparser also sets it for charset and HTTP-header problems, which are the fetcher's. */
function bozoMapped(c: FeedparserCase): boolean {
  return !c.path.startsWith("encoding/") && !c.path.includes("/chardet/") && !c.headers?.length;
}

function header(c: FeedparserCase, name: string): string | undefined {
  const line = c.headers?.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

// feedparser's test harness serves each file from this origin; expectations with resolved URLs use it.
const DOC_URI = "http://127.0.0.1:8097/";

export interface FeedparserResult extends SubsetScore {
  excludedReasons: Record<string, number>;
}

export function evalFeedparser(): FeedparserResult {
  const cases = readCorpusJson<{ cases: FeedparserCase[] }>("feedparser/cases.json").cases;
  let passed = 0;
  let total = 0;
  const excluded: Record<string, number> = {};
  const failures: string[] = [];
  const exclude = (why: string) => (excluded[why] = (excluded[why] ?? 0) + 1);
  for (const c of cases) {
    if (c.path.includes("/cdf/")) {
      exclude("CDF format (not supported)");
      continue;
    }
    let tree: Node;
    try {
      tree = parseExpr(c.expect);
    } catch {
      exclude("expression not readable");
      continue;
    }
    const contentType = header(c, "Content-type");
    const location = header(c, "Content-Location");
    let feed: ParsedFeedEx | undefined;
    try {
      feed = parseFeed(decodeFeedBytes(readCorpusFile(`feedparser/${c.path}`), contentType), undefined, { baseUrl: location ?? `${DOC_URI}${c.path}` });
    } catch {
      feed = undefined;
    }
    const ctx: Ctx = {
      names: {
        feed: feed ? feedView(feed) : MISSING,
        entries: feed ? feed.items.map(entryView) : [],
        bozo: bozoMapped(c) ? new Field("bool", !feed || feed.diagnostics.recovered) : UNMAPPED,
        len: "len",
      },
      touched: 0,
    };
    const result = evaluate(tree, ctx);
    if (result === UNMAPPED) {
      exclude(/encoding ==|chardet|encoding\//.test(c.expect + c.path) ? "charset detection (fetcher's job)" : "only keys outside our model");
      continue;
    }
    const checksBozo = ctx.names.bozo !== UNMAPPED && /\bbozo\b/.test(c.expect);
    if (ctx.touched === 0 && !checksBozo) {
      exclude("no field to check (Expect: 1)");
      continue;
    }
    total++;
    if (truthy(result)) passed++;
    else failures.push(c.path);
  }
  const reasons = Object.entries(excluded).map(([k, n]) => `${n} ${k}`).join("; ");
  return {
    ...score("feedparser Expect: (mapped expectations)", passed, total, `excluded: ${reasons}` + (failures.length ? `; failing: ${failures.join(", ")}` : "")),
    excludedReasons: excluded,
  };
}

interface DateCase {
  input: string;
  parser: string;
  expected_utc: string | null;
}

export function evalDateParsers(): SubsetScore {
  const cases = readCorpusJson<{ cases: DateCase[] }>("feedparser/date-parsers.json").cases;
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const got = parseDate(c.input);
    const ok = c.expected_utc === null ? got === undefined : sameInstant(c.expected_utc, got);
    if (ok) passed++;
    else failures.push(`${c.parser}(${JSON.stringify(c.input)}) → ${got?.toISOString() ?? "undefined"}`);
  }
  return score("feedparser date-parsers.json", passed, cases.length,
    "all formats mapped (RFC 822, W3CDTF, ISO 8601, asctime, Perforce, Greek, Hungarian, Korean)" + (failures.length ? `; failing: ${failures.join(" | ")}` : ""));
}
