import { createHash } from "node:crypto";
import { analysedOf, type Analysed } from "../../src/ingest/analyse";
import { PeopleLinker } from "../../src/ingest/link/people.linker";
import { persistArticle, type PersistDeps, type PersistOutcome } from "../../src/ingest/persist";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { addPerson, addSource } from "../support/seed";

/** A small hand-built news world ingested through the real persist path (store → dedup → cluster → rollups). */
export interface World {
  db: TestDatabase;
  sources: { wire: number; daily: number; gazette: number };
  people: { lavrov: number; rubio: number; wang: number; putin: number; guterres: number; obscure: number };
  ingest(a: StorySpec): Promise<PersistOutcome>;
  q<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface StorySpec {
  source: number;
  /** Path of the article URL; the same path is the same article. */
  path: string;
  title: string;
  /** Body text; long unique bodies by default so nothing is a near-duplicate by accident. */
  body?: string;
  at: string;
  language?: string;
  /** People by id, or by knowledge-base id (`kb`), which the linker caches per process. */
  people?: { id?: number; kb?: string; salience?: number; count?: number }[];
  countries?: { code: string; salience?: number; count?: number }[];
}

// A different walk through this vocabulary per article keeps bodies far apart for MinHash.
const WORDS = ("harbour wheat ledger cobalt meadow lantern quarry violin glacier saffron tunnel orchard beacon falcon timber " +
  "marble harvest compass ribbon canyon pepper anchor walnut thunder velvet cradle summit pebble furnace willow").split(" ");

export function uniqueBody(seed: string, words = 80): string {
  const out: string[] = [];
  let h = createHash("sha256").update(seed).digest();
  for (let i = 0; i < words; i++) {
    if (i % 32 === 0 && i > 0) h = createHash("sha256").update(h).digest();
    out.push(WORDS[h[i % 32] % WORDS.length]);
  }
  return `${out.join(" ")}.`;
}

function analysed(a: StorySpec): Analysed {
  const body = a.body ?? uniqueBody(`${a.path}|${a.title}`);
  const url = `https://news.example${a.path}`;
  return analysedOf(
    {
      url,
      canonicalUrl: url,
      guid: undefined,
      title: a.title,
      summary: undefined,
      bodyHtml: `<p>${body}</p>`,
      bodyText: body,
      language: a.language ?? "en",
      direction: "ltr",
      publishedAt: new Date(a.at),
      fetchedAt: new Date(a.at),
      authors: [],
      tags: [],
      contentHash: createHash("sha256").update(`${a.title}\n${body}\n${a.at}`).digest("hex"),
      wordCount: body.split(/\s+/).length,
      seeAlso: [],
      relatedLinks: [],
      images: [],
    },
    {
      people: (a.people ?? []).map((p) => ({
        ref: { kind: "kb" as const, id: p.kb ?? `db:${p.id}` }, count: p.count ?? 1, firstOffset: 0, salience: p.salience ?? 0.5, surfaces: [],
      })),
      countries: (a.countries ?? []).map((c) => ({ code: c.code, via: [], count: c.count ?? 1, firstOffset: 0, salience: c.salience ?? 0.3, surfaces: [] })),
      places: [],
      orgs: [],
      regions: [],
      suggestions: [],
      credited: { orgs: [], names: [] },
    },
  );
}

export async function createWorld(): Promise<World> {
  const db = await createTestDatabase();
  const ds = db.dataSource;
  const sources = { wire: await addSource(ds, "Wire"), daily: await addSource(ds, "Daily"), gazette: await addSource(ds, "Gazette") };
  const people = {
    lavrov: await addPerson(ds, { en: "Sergei Lavrov", ar: "سيرغي لافروف" }, { wikidataId: "Q178166", country: "RU" }),
    rubio: await addPerson(ds, { en: "Marco Rubio", ar: "ماركو روبيو" }, { wikidataId: "Q324546", country: "US" }),
    wang: await addPerson(ds, { en: "Wang Yi" }, { country: "CN" }),
    putin: await addPerson(ds, { en: "Vladimir Putin" }, { wikidataId: "Q7747", country: "RU" }),
    guterres: await addPerson(ds, { en: "António Guterres" }, { aliases: ["Antonio Guterres"] }),
    obscure: await addPerson(ds, { en: "Jan Kowalczyk" }),
  };
  const linker = await PeopleLinker.load(ds);
  const codes: { code: string }[] = await ds.query(`SELECT code FROM country`);
  const deps: PersistDeps = { linker, countryCodes: new Set(codes.map((c) => c.code)), windowHours: 72 };
  return {
    db,
    sources,
    people,
    ingest: (a) => ds.transaction((em) => persistArticle(em, a.source, analysed(a), deps)),
    q: (sql, params = []) => ds.query(sql, params),
  };
}
