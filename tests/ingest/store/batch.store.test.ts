import { pgDedup } from "../../../src/ingest/cluster/pg.dedup";
import { storeArticle, storeArticles, type ArticleInput, type StoreItem } from "../../../src/ingest/store/article.store";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { addPerson, addSource } from "../../support/seed";
import { fixture, inputOf, mentionCountDrift } from "./support";

let db: TestDatabase;
let wire: number;
let daily: number;
let lavrov: number;

beforeAll(async () => {
  db = await createTestDatabase();
  wire = await addSource(db.dataSource, "Store Wire");
  daily = await addSource(db.dataSource, "Store Daily");
  lavrov = await addPerson(db.dataSource, { en: "Sergei Lavrov" });
});

afterAll(async () => {
  await db?.close();
});

const q = <T = any>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;
const items = (inputs: ArticleInput[]): StoreItem[] => inputs.map((input) => ({ input, dedup: pgDedup(input.bodyText, input.wordCount) }));
const store = (inputs: ArticleInput[]) => db.dataSource.transaction((em) => storeArticles(em, items(inputs)));
const articlesAt = (url: string) => q(`SELECT id, title, original_id FROM article WHERE canonical_url = $1`, [url]);
const linksOf = (id: number) => q(`SELECT source_id, guid, url FROM article_source WHERE article_id = $1 ORDER BY source_id`, [id]);

describe("storing a batch", () => {
  it("identifies a mixed batch against what is stored: new items created, changed ones updated, the rest unchanged", async () => {
    const [nato, iran, brics] = ["nato-en-globewire", "iran-en-globewire", "brics-en-globewire"].map((id) => inputOf(fixture(id), wire));
    const first = await store([nato, iran]);
    expect(first.map((r) => r.outcome)).toEqual(["created", "created"]);
    const changed = { ...iran, title: `${iran.title} (updated)`, contentHash: `${iran.contentHash}-2`, people: [{ personId: lavrov, count: 1, salience: 0.4, firstOffset: 0 }] };
    const second = await store([nato, changed, brics]);
    expect(second.map((r) => r.outcome)).toEqual(["unchanged", "updated", "created"]);
    expect(second[0].articleId).toBe(first[0].articleId);
    expect(second[1].articleId).toBe(first[1].articleId);
    expect((await articlesAt(iran.canonicalUrl)).map((a) => a.title)).toEqual([changed.title]);
    expect(await q(`SELECT person_id FROM article_person WHERE article_id = $1`, [first[1].articleId])).toEqual([{ person_id: lavrov }]);
    const third = await store([nato, changed, brics]);
    expect(third.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await mentionCountDrift(db.dataSource)).toEqual([]);
  });

  it("resolves an item listed twice in one document to one article, the later version updating it", async () => {
    const base = inputOf(fixture("tariffs-en-metrotimes"), wire);
    const later = { ...base, title: `${base.title}: deadline moved`, contentHash: `${base.contentHash}-later`, publishedAt: new Date(base.publishedAt.getTime() + 3_600_000) };
    const results = await store([base, later]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "updated"]);
    expect(results[1].articleId).toBe(results[0].articleId);
    expect((await articlesAt(base.canonicalUrl)).map((a) => a.title)).toEqual([later.title]);
    const [link] = await q(`SELECT published_at FROM article_source WHERE article_id = $1`, [results[0].articleId]);
    expect(new Date(link.published_at).toISOString()).toBe(later.publishedAt.toISOString());
  });

  it("resolves two guids for one canonical URL in one batch to one article, linked under the later guid", async () => {
    const a = inputOf(fixture("netanyahu-en-globewire"), wire);
    const results = await store([a, { ...a, guid: "netanyahu-renamed" }]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "unchanged"]);
    expect(await linksOf(results[0].articleId)).toEqual([{ source_id: wire, guid: "netanyahu-renamed", url: a.url }]);
  });

  it("records one article with a link from each source when two sources carry the same URL", async () => {
    const a = inputOf(fixture("macron-en-chronicle"), wire);
    const b = inputOf(fixture("macron-en-chronicle"), daily, { guid: "daily-macron", url: `${a.url}?ref=daily` });
    const together = await store([a, b]);
    expect(together.map((r) => r.outcome)).toEqual(["created", "unchanged"]);
    expect((await linksOf(together[0].articleId)).map((l) => [l.source_id, l.guid])).toEqual([[wire, a.guid], [daily, "daily-macron"]]);
    expect(await articlesAt(a.canonicalUrl)).toHaveLength(1);
  });

  it("points every near-duplicate of a batch at the first article and counts their mentions once", async () => {
    const ids = ["asean-en-globewire", "asean-en-coastal", "asean-en-ledger", "asean-en-metrotimes"];
    const people = [{ personId: lavrov, count: 2, salience: 0.8, firstOffset: 0 }];
    const before = (await q(`SELECT mention_count FROM person WHERE id = $1`, [lavrov]))[0].mention_count;
    const results = await store(ids.map((id) => inputOf(fixture(id), wire, { people })));
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created", "created"]);
    const original = results[0].articleId;
    expect(results.map((r) => r.originalId)).toEqual([undefined, original, original, original]);
    const rows = await q(`SELECT id, original_id FROM article WHERE id = ANY($1) ORDER BY id`, [results.map((r) => r.articleId)]);
    expect(rows.map((r) => r.original_id)).toEqual([null, original, original, original]);
    expect((await q(`SELECT mention_count FROM person WHERE id = $1`, [lavrov]))[0].mention_count).toBe(before + 1);
    expect(await mentionCountDrift(db.dataSource)).toEqual([]);
  });

  it("stops matching a stored article by its old content once the batch changed it", async () => {
    const cuba = inputOf(fixture("cuba-en-globewire"), wire);
    await store([cuba]);
    const rewritten = { ...cuba, title: `${cuba.title} — analysis`, contentHash: `${cuba.contentHash}-rewritten` };
    const oldCopy = { ...cuba, guid: undefined, url: "https://elsewhere.example/cuba", canonicalUrl: "https://elsewhere.example/cuba" };
    const results = await store([rewritten, oldCopy]);
    expect(results.map((r) => r.outcome)).toEqual(["updated", "created"]);
    expect(results[1].articleId).not.toBe(results[0].articleId);
  });

  it("frees a guid an article gives up when another article of the same batch takes it", async () => {
    const sanctions = inputOf(fixture("cuba-ar-alrai"), wire, { guid: "slot-1" });
    const [stored] = await store([sanctions]);
    const moved = { ...sanctions, guid: "slot-2" };
    const newcomer = inputOf(fixture("floods-ar-alyawm"), wire, { guid: "slot-1" });
    const results = await store([moved, newcomer]);
    expect(results.map((r) => r.outcome)).toEqual(["unchanged", "created"]);
    expect((await linksOf(stored.articleId)).map((l) => l.guid)).toEqual(["slot-2"]);
    expect((await linksOf(results[1].articleId)).map((l) => l.guid)).toEqual(["slot-1"]);
  });

  it("stores one article through storeArticle as a batch of one", async () => {
    const a = inputOf(fixture("wimbledon-en-metrotimes"), wire);
    const created = await db.dataSource.transaction((em) => storeArticle(em, a));
    const again = await db.dataSource.transaction((em) => storeArticle(em, a));
    expect([created.outcome, again.outcome]).toEqual(["created", "unchanged"]);
    expect(again.articleId).toBe(created.articleId);
  });
});

describe("a concurrent writer between identification and insert", () => {
  it("links the article the other writer stored instead of inserting the URL twice", async () => {
    const contested = inputOf(fixture("followup-en-northstar"), wire);
    const other = inputOf(fixture("followup-en-northstar"), daily, { guid: "daily-ryabkov" });
    const bystander = inputOf(fixture("followup-ar-alsharq"), wire);
    let raced = false;
    const results = await db.dataSource.transaction((em) => storeArticles(em, items([contested, bystander]), {
      beforeWrite: async (tx) => {
        if (raced) return;
        raced = true;
        await storeArticle(tx, other);
      },
    }));
    expect(results.map((r) => r.outcome)).toEqual(["unchanged", "created"]);
    const [article] = await articlesAt(contested.canonicalUrl);
    expect(results[0].articleId).toBe(article.id);
    expect((await linksOf(article.id)).map((l) => l.source_id)).toEqual([wire, daily]);
    expect(await articlesAt(bystander.canonicalUrl)).toHaveLength(1);
    expect(await mentionCountDrift(db.dataSource)).toEqual([]);
  });

  it("re-points a copy whose original in the batch lost the race at the article that won it", async () => {
    const original = inputOf(fixture("call-en-globewire"), wire);
    const copy = inputOf(fixture("call-en-ledger"), wire);
    const winner = inputOf(fixture("call-en-globewire"), daily, { guid: "daily-call" });
    let raced = false;
    const results = await db.dataSource.transaction((em) => storeArticles(em, items([original, copy]), {
      beforeWrite: async (tx) => {
        if (raced) return;
        raced = true;
        await storeArticle(tx, winner, pgDedup(winner.bodyText, winner.wordCount));
      },
    }));
    const [stored] = await articlesAt(original.canonicalUrl);
    expect(results.map((r) => r.outcome)).toEqual(["unchanged", "created"]);
    expect(results[1].originalId).toBe(stored.id);
    expect((await articlesAt(copy.canonicalUrl))[0].original_id).toBe(stored.id);
  });
});
