import { verifyRollups } from "../../src/ingest/rollups";
import { startTestApp, type TestApp } from "../support/app";
import { addPerson } from "../support/seed";
import { createWorld, type World } from "../relations/world";

const ADMIN = { authorization: "Bearer dev-admin-secret-0123456789abcdef" };
let w: World;
let app: TestApp;
let textLavrov: number;
let otherTextLavrov: number;
const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString("base64url");

/** Lavrov as the knowledge base has him, and two spellings found in text, one with its own Wikidata id. */
beforeAll(async () => {
  w = await createWorld();
  const ds = w.db.dataSource;
  textLavrov = await addPerson(ds, { ar: "س. لافروف" }, { aliases: ["S. Lavrov"] });
  otherTextLavrov = await addPerson(ds, { en: "Sergey Lavrov" }, { wikidataId: "Q999001" });
  await ds.query(`UPDATE person SET verified = false, description = '{"en": "found in text"}' WHERE id IN ($1, $2)`, [textLavrov, otherTextLavrov]);
  await ds.query(`INSERT INTO person_merge_suggestion (person_id, other_id, confidence, reason) VALUES ($1, $2, 0.8, 'surname key'), ($1, $3, 0.6, 'initial')`,
    [textLavrov, w.people.lavrov, w.people.putin]);
  const { lavrov, rubio, wang } = w.people;
  const at = (d: string) => `2025-07-${d}T10:00:00Z`;
  await w.ingest({ source: w.sources.wire, path: "/c/1", title: "Lavrov in Kuala Lumpur", at: at("10"), people: [{ id: lavrov, count: 3, salience: 0.9 }, { id: rubio }] });
  await w.ingest({ source: w.sources.daily, path: "/c/2", title: "لافروف في كوالالمبور", at: at("10"), language: "ar", people: [{ id: textLavrov, count: 2, salience: 0.7 }, { id: wang }] });
  await w.ingest({ source: w.sources.gazette, path: "/c/3", title: "Both spellings in one article", at: at("11"),
    people: [{ id: lavrov, count: 1, salience: 0.4 }, { id: textLavrov, count: 4, salience: 0.8 }, { id: rubio }] });
  app = await startTestApp(ds, { ADMIN_KEY: "dev-admin-secret-0123456789abcdef", RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  await app?.close();
  await w?.db.close();
});

async function admin<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await app.gql(query, variables, ADMIN);
  expect(res.body.errors).toBeUndefined();
  return res.body.data as T;
}

async function rejected(query: string, variables: Record<string, unknown>): Promise<{ argument: string; message: string }> {
  const res = await app.gql(query, variables, ADMIN);
  expect(res.body.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  return { argument: String(res.body.errors![0].extensions!.argument), message: res.body.errors![0].message };
}

const MERGE = `mutation($into: ID!, $from: [ID!]!) { mergePeople(into: $into, from: $from) { id name aliases wikidataId mentionCount verified } }`;

describe("merging people", () => {
  it("refuses bad merges with the argument at fault, and changes nothing", async () => {
    const lavrov = gid("Person", w.people.lavrov);
    expect((await rejected(MERGE, { into: lavrov, from: [lavrov] })).argument).toBe("from[0]");
    expect((await rejected(MERGE, { into: gid("Person", 987654), from: [gid("Person", textLavrov)] })).argument).toBe("into");
    expect((await rejected(MERGE, { into: lavrov, from: [gid("Person", 987654)] })).argument).toBe("from[0]");
    expect((await rejected(MERGE, { into: lavrov, from: [] })).argument).toBe("from");
    expect((await rejected(MERGE, { into: lavrov, from: [gid("Article", 1)] })).argument).toBe("from[0]");
    const conflict = await rejected(MERGE, { into: lavrov, from: [gid("Person", otherTextLavrov)] });
    expect(conflict).toMatchObject({ argument: "from", message: expect.stringContaining("Q178166") });
    const [row] = await w.q(`SELECT merged_into_id FROM person WHERE id = $1`, [otherTextLavrov]);
    expect(row.merged_into_id).toBeNull();
  });

  it("is for admins only", async () => {
    const res = await app.gql(MERGE, { into: gid("Person", w.people.lavrov), from: [gid("Person", textLavrov)] });
    expect(res.body.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });

  it("moves every mention, sums an article's counts, recounts and keeps the rollups exact", async () => {
    const group = [w.people.lavrov, textLavrov];
    const [before] = await w.q(`SELECT sum(count)::int AS total, count(DISTINCT article_id)::int AS articles FROM article_person WHERE person_id = ANY($1)`, [group]);
    const generation = await app.cache.generation();
    const { mergePeople } = await admin(MERGE, { into: gid("Person", w.people.lavrov), from: [gid("Person", textLavrov)] });
    expect(await app.cache.generation()).toBeGreaterThan(generation ?? -1);

    const [after] = await w.q(`SELECT sum(count)::int AS total, count(DISTINCT article_id)::int AS articles FROM article_person WHERE person_id = ANY($1)`, [group]);
    expect(after).toEqual(before);
    expect(await w.q(`SELECT 1 FROM article_person WHERE person_id = $1`, [textLavrov])).toEqual([]);
    const [both] = await w.q(`SELECT count, salience FROM article_person ap JOIN article a ON a.id = ap.article_id WHERE a.canonical_url LIKE '%/c/3' AND person_id = $1`, [w.people.lavrov]);
    expect(both.count).toBe(5);
    expect(both.salience).toBeCloseTo(0.8, 5);
    expect(mergePeople).toMatchObject({ name: "Sergei Lavrov", mentionCount: before.articles, wikidataId: "Q178166", verified: true });
    expect(mergePeople.aliases).toEqual(expect.arrayContaining(["S. Lavrov"]));
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("keeps the merged id resolving, names searchable, the merged person's partners and no stale suggestions", async () => {
    const { person } = await admin(`query($id: ID!) { person(id: $id) { id } }`, { id: gid("Person", textLavrov) });
    expect(person.id).toBe(gid("Person", w.people.lavrov));
    const { people } = await admin(`{ people(search: "س. لافروف") { nodes { id } } }`);
    expect(people.nodes.map((n: any) => n.id)).toContain(gid("Person", w.people.lavrov));
    const { coMentions } = await admin(`query($e: ID!) { coMentions(entity: $e, kinds: [PERSON]) { count entity { name } } }`, { e: gid("Person", w.people.lavrov) });
    expect(coMentions.map((c: any) => [c.entity.name, c.count])).toEqual([["Marco Rubio", 2], ["Wang Yi", 1]]);
    const suggestions = await w.q(`SELECT person_id, other_id FROM person_merge_suggestion ORDER BY 1, 2`);
    expect(suggestions).toEqual([{ person_id: w.people.lavrov, other_id: w.people.putin }]);
  });

  it("takes a Wikidata id only one side has", async () => {
    const into = await addPerson(w.db.dataSource, { en: "Marco Antonio Rubio" });
    const { mergePeople } = await admin(MERGE, { into: gid("Person", into), from: [gid("Person", otherTextLavrov)] });
    expect(mergePeople.wikidataId).toBe("Q999001");
    const [old] = await w.q(`SELECT wikidata_id, merged_into_id FROM person WHERE id = $1`, [otherTextLavrov]);
    expect(old).toEqual({ wikidata_id: null, merged_into_id: into });
  });

  it("sends later mentions of a merged person to the survivor, even through a worker's cached knowledge-base ids", async () => {
    const kbPerson = await addPerson(w.db.dataSource, { en: "Lavrov (KB duplicate)" });
    await w.q(`UPDATE person SET kb_id = 'kb-test-lavrov' WHERE id = $1`, [kbPerson]);
    await w.ingest({ source: w.sources.wire, path: "/c/kb-1", title: "Cached before the merge", at: "2025-07-12T10:00:00Z", people: [{ kb: "kb-test-lavrov" }] });
    await admin(MERGE, { into: gid("Person", w.people.lavrov), from: [gid("Person", kbPerson)] });
    const later = await w.ingest({ source: w.sources.wire, path: "/c/kb-2", title: "Ingested after the merge", at: "2025-07-13T10:00:00Z", people: [{ kb: "kb-test-lavrov" }] });
    expect(await w.q(`SELECT person_id FROM article_person WHERE article_id = $1`, [later.articleId])).toEqual([{ person_id: w.people.lavrov }]);
    expect(await verifyRollups(w.db.dataSource)).toEqual([]);
  });

  it("refuses to merge a person that was already merged", async () => {
    const { argument, message } = await rejected(MERGE, { into: gid("Person", w.people.rubio), from: [gid("Person", textLavrov)] });
    expect(argument).toBe("from[0]");
    expect(message).toContain(gid("Person", w.people.lavrov));
  });
});

const ADD = `mutation($p: ID!, $a: String!) { addAlias(person: $p, alias: $a) { aliases } }`;
const REMOVE = `mutation($p: ID!, $a: String!) { removeAlias(person: $p, alias: $a) { aliases } }`;
const SEARCH = `query($s: String!) { people(search: $s) { nodes { name } } }`;

describe("aliases", () => {
  it("adds an alias that search then finds, once however often it is added", async () => {
    const p = gid("Person", w.people.wang);
    await admin(ADD, { p, a: "  Wang   Yi (FM) " });
    const { addAlias } = await admin(ADD, { p, a: "Wang Yi (FM)" });
    expect(addAlias.aliases.filter((a: string) => a === "Wang Yi (FM)")).toHaveLength(1);
    expect((await admin(SEARCH, { s: "(FM)" })).people.nodes).toEqual([{ name: "Wang Yi" }]);
  });

  it("removes an alias and search stops finding it", async () => {
    const { removeAlias } = await admin(REMOVE, { p: gid("Person", w.people.wang), a: "Wang Yi (FM)" });
    expect(removeAlias.aliases).not.toContain("Wang Yi (FM)");
    expect((await admin(SEARCH, { s: "(FM)" })).people.nodes).toEqual([]);
  });

  it("rejects empty, unknown and misplaced aliases", async () => {
    const p = gid("Person", w.people.wang);
    expect((await rejected(ADD, { p, a: "   " })).argument).toBe("alias");
    expect((await rejected(ADD, { p, a: "x".repeat(201) })).argument).toBe("alias");
    expect((await rejected(REMOVE, { p, a: "Nobody" })).argument).toBe("alias");
    expect((await rejected(ADD, { p: gid("Person", 987654), a: "Ghost" })).argument).toBe("person");
  });
});

const WD = `mutation($p: ID!, $q: String) { setWikidataId(person: $p, wikidataId: $q) { wikidataId } }`;

describe("Wikidata ids", () => {
  it("sets, normalises and clears an id", async () => {
    const p = gid("Person", w.people.wang);
    expect((await admin(WD, { p, q: "q123456" })).setWikidataId.wikidataId).toBe("Q123456");
    expect((await admin(WD, { p, q: null })).setWikidataId.wikidataId).toBeNull();
  });

  it("rejects a malformed id and one another person holds", async () => {
    const p = gid("Person", w.people.wang);
    for (const bad of ["7747", "Q", "Q12a", "P31", "Q0"]) expect((await rejected(WD, { p, q: bad })).argument).toBe("wikidataId");
    const taken = await rejected(WD, { p, q: "Q7747" });
    expect(taken).toMatchObject({ argument: "wikidataId", message: expect.stringContaining(gid("Person", w.people.putin)) });
  });
});

describe("merge suggestions", () => {
  const LIST = `{ mergeSuggestions { person { name } other { name } confidence reason } }`;

  it("lists pending suggestions for admins, most confident first, and lets them dismiss one", async () => {
    const a = await addPerson(w.db.dataSource, { en: "V. Putin" });
    await w.q(`INSERT INTO person_merge_suggestion (person_id, other_id, confidence, reason) VALUES ($1, $2, 0.9, 'initial and surname')`, [a, w.people.putin]);
    const { mergeSuggestions } = await admin(LIST);
    expect(mergeSuggestions.map((s: any) => [s.person.name, s.other.name, s.confidence])).toEqual([
      ["V. Putin", "Vladimir Putin", 0.9],
      ["Sergei Lavrov", "Vladimir Putin", 0.6],
    ]);
    const dismissed = await admin(`mutation($p: ID!, $o: ID!) { dismissMergeSuggestion(person: $p, other: $o) }`, { p: gid("Person", w.people.putin), o: gid("Person", a) });
    expect(dismissed.dismissMergeSuggestion).toBe(true);
    expect((await admin(LIST)).mergeSuggestions).toHaveLength(1);
  });

  it("is hidden from other roles", async () => {
    const res = await app.gql(LIST);
    expect(res.body.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });
});
