import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ClusterArticle } from "../../src/ingest/cluster/types";
import { normaliseText } from "../../src/ingest/cluster/text";

// Compiled copies run from dist/scripts/eval, sources from scripts/eval.
const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");

export function eventFixturesDir(): string {
  return path.join(REPO_ROOT, "tests", "fixtures", "events");
}

/** One labelled article as stored in tests/fixtures/events (see its README). */
export interface EventFixture {
  id: string;
  /** Gold story label. */
  story: string;
  sourceId: string;
  language: string;
  url: string;
  publishedAt: string;
  title: string;
  summary: string;
  body: string[];
  /** Gold entity identities: people slugs, ISO alpha-2 codes, places. */
  people: string[];
  countries: string[];
  places: { name: string; country: string }[];
  /** Gold near-duplicate link: the article this one reprints. */
  duplicateOf?: string;
}

interface Surfaces {
  en: string[];
  ar: string[];
}

export interface Gazetteer {
  people: Record<string, Surfaces>;
  countries: Record<string, Surfaces>;
  places: Record<string, Surfaces & { country: string; capital: boolean }>;
  blockers: Surfaces;
}

export interface LoadedFixture {
  fixture: EventFixture;
  /** The article with gold entities, counts and salience derived from where the surfaces occur. */
  article: ClusterArticle;
  /** Annotation problems: an annotated entity never found, or a gazetteer entity found but not annotated. */
  problems: string[];
}

export function loadGazetteer(dir = eventFixturesDir()): Gazetteer {
  return JSON.parse(readFileSync(path.join(dir, "gazetteer.json"), "utf8")) as Gazetteer;
}

/** Every article fixture: the top-level seed files and everything under articles/, sorted by publication time then id. */
export function readEventFixtures(dir = eventFixturesDir()): EventFixture[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "gazetteer.json")
    .map((f) => path.join(dir, f));
  const sub = path.join(dir, "articles");
  if (existsSync(sub)) files.push(...readdirSync(sub).filter((f) => f.endsWith(".json")).map((f) => path.join(sub, f)));
  return files
    .map((f) => {
      try {
        return JSON.parse(readFileSync(f, "utf8")) as EventFixture;
      } catch (err) {
        throw new Error(`events.fixtures: cannot parse ${path.relative(dir, f)}: ${(err as Error).message}`);
      }
    })
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
}

export function loadEventFixtures(dir = eventFixturesDir()): LoadedFixture[] {
  const gaz = loadGazetteer(dir);
  const matcher = buildMatcher(gaz);
  return readEventFixtures(dir).map((f) => toLoaded(f, gaz, matcher));
}

interface Target {
  kind: "person" | "country" | "place" | "block";
  id: string;
}

interface Surface {
  tokens: string[];
  /** Short all-capital acronyms (US, UK) match only in capitals: "us" is a pronoun. */
  caseSensitive: boolean;
  original: string[];
  targets: Target[];
}

type Matcher = Map<string, Surface[]>;

const RAW_TOKEN = /[\p{L}\p{N}]+/gu;
const AR_CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"];

function rawTokens(text: string): { raw: string; norm: string }[] {
  const out: { raw: string; norm: string }[] = [];
  const stripped = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  for (const m of stripped.matchAll(RAW_TOKEN)) out.push({ raw: m[0], norm: normaliseText(m[0]) });
  return out;
}

function buildMatcher(g: Gazetteer): Matcher {
  const bySurface = new Map<string, Surface>();
  const add = (text: string, target: Target): void => {
    const toks = rawTokens(text);
    const key = toks.map((t) => t.norm).join(" ");
    const existing = bySurface.get(key);
    if (existing) {
      existing.targets.push(target);
      return;
    }
    bySurface.set(key, {
      tokens: toks.map((t) => t.norm),
      original: toks.map((t) => t.raw),
      caseSensitive: /^[A-Z]{2,4}$/.test(text),
      targets: [target],
    });
  };
  for (const [id, s] of Object.entries(g.people)) for (const t of [...s.en, ...s.ar]) add(t, { kind: "person", id });
  for (const [id, s] of Object.entries(g.countries)) for (const t of [...s.en, ...s.ar]) add(t, { kind: "country", id });
  for (const [id, s] of Object.entries(g.places)) for (const t of [...s.en, ...s.ar]) add(t, { kind: "place", id });
  for (const t of [...g.blockers.en, ...g.blockers.ar]) add(t, { kind: "block", id: t });
  const byFirst: Matcher = new Map();
  for (const s of bySurface.values()) {
    const list = byFirst.get(s.tokens[0]) ?? [];
    list.push(s);
    byFirst.set(s.tokens[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
}

/** The surface's first token as written with a clitic prefix or the لل contraction of ال. */
function firstTokenForms(token: string): string[] {
  const forms = [token];
  for (const p of AR_CLITICS) {
    if (p && token.startsWith(p)) forms.push(token.slice(p.length));
  }
  for (const p of ["لل", "ولل", "فلل"]) if (token.startsWith(p)) forms.push(`ال${token.slice(p.length)}`);
  return forms;
}

/** Entity ids found in a text, longest surface first, each token used once. */
export function findMentions(text: string, matcher: Matcher): Target[] {
  const toks = rawTokens(text);
  const found: Target[] = [];
  let i = 0;
  while (i < toks.length) {
    let hit: Surface | undefined;
    for (const form of firstTokenForms(toks[i].norm)) {
      for (const s of matcher.get(form) ?? []) {
        if (hit && hit.tokens.length >= s.tokens.length) continue;
        if (s.caseSensitive && toks[i].raw !== s.original[0]) continue;
        let ok = true;
        for (let j = 1; j < s.tokens.length && ok; j++) ok = toks[i + j]?.norm === s.tokens[j];
        if (ok) hit = s;
      }
    }
    if (hit) {
      found.push(...hit.targets);
      i += hit.tokens.length;
    } else i += 1;
  }
  return found;
}

interface Tally {
  title: number;
  lede: number;
  body: number;
}

/**
 * Salience the way an extractor would score position and frequency:
 * 0.45 for the title, 0.25 for the lede, up to 0.30 for body mentions (saturating at four).
 */
export function fixtureSalience(t: Tally): number {
  const s = 0.45 * (t.title > 0 ? 1 : 0) + 0.25 * (t.lede > 0 ? 1 : 0) + 0.3 * Math.min(1, Math.log(1 + t.body) / Math.log(5));
  return Math.round(s * 1000) / 1000;
}

function tallyAll(f: EventFixture, matcher: Matcher, gaz: Gazetteer): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const parts: [keyof Tally, string][] = [["title", f.title], ["lede", f.summary], ["body", f.body.join("\n\n")]];
  for (const [part, text] of parts) {
    for (const t of findMentions(text, matcher)) {
      if (t.kind === "block") continue;
      const keys = [`${t.kind}:${t.id}`];
      // A city mentioned is also a mention of its country.
      if (t.kind === "place") keys.push(`country:${gaz.places[t.id].country}`);
      for (const key of keys) {
        const tally = tallies.get(key) ?? { title: 0, lede: 0, body: 0 };
        tally[part] += 1;
        tallies.set(key, tally);
      }
    }
  }
  return tallies;
}

function toLoaded(f: EventFixture, gaz: Gazetteer, matcher: Matcher): LoadedFixture {
  const tallies = tallyAll(f, matcher, gaz);
  const problems: string[] = [];
  const mention = (key: string): { salience: number; count: number } => {
    const t = tallies.get(key);
    if (!t) {
      problems.push(`${f.id}: annotated ${key} is not found in the text`);
      return { salience: 0, count: 0 };
    }
    return { salience: fixtureSalience(t), count: t.title + t.lede + t.body };
  };
  const people = f.people.map((id) => ({ id, ...mention(`person:${id}`) }));
  const countries = f.countries.map((code) => ({ code, ...mention(`country:${code}`) }));
  const places = f.places.map((p) => ({ ...p, salience: mention(`place:${p.name}`).salience }));
  const annotated = new Set([
    ...f.people.map((p) => `person:${p}`),
    ...f.countries.map((c) => `country:${c}`),
    ...f.places.map((p) => `place:${p.name}`),
  ]);
  for (const key of tallies.keys()) {
    const isCapital = key.startsWith("place:") && gaz.places[key.slice(6)]?.capital;
    if (!annotated.has(key) && !isCapital) problems.push(`${f.id}: ${key} occurs in the text but is not annotated`);
  }
  const article: ClusterArticle = {
    id: f.id,
    sourceId: f.sourceId,
    language: f.language,
    publishedAt: new Date(f.publishedAt),
    title: f.title,
    summary: f.summary,
    bodyText: f.body.join("\n\n"),
    people,
    countries,
    places,
  };
  return { fixture: f, article, problems };
}
