import path from "node:path";
import { EntityMatcher, createMatcher, loadKnowledgeBase, parseKbJsonl, validateKbRow, KbLoadError, EntityEntryError } from "../../../src/ingest/entities";
import { tokenize } from "../../../src/ingest/entities/tokenize";

const FIXTURES = path.join(__dirname, "../../fixtures/ingest/entities");
const kb = loadKnowledgeBase();

describe("the shipped knowledge base", () => {
  it("loads without a single malformed row", () => {
    expect(kb.errors).toEqual([]);
  });

  it("holds every ISO 3166 country plus Kosovo, with both names and codes", () => {
    expect(kb.countries).toHaveLength(250);
    const codes = new Set(kb.countries.map((c) => c.code));
    for (const code of ["XK", "RU", "US", "MY", "PS", "TW", "SS", "VA"]) expect(codes.has(code)).toBe(true);
    for (const c of kb.countries) {
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.name.en && c.name.ar).toBeTruthy();
    }
  });

  it("gives frequently covered countries alternative names, capitals, metonyms and Arabic demonyms", () => {
    const us = kb.countries.find((c) => c.code === "US")!;
    expect(us.names.ar).toEqual(expect.arrayContaining(["أمريكا", "أميركا", "الولايات المتحدة"]));
    expect(us.names.en).toEqual(expect.arrayContaining(["USA", "America", "the States"]));
    expect(us.capitals?.ar).toContain("واشنطن");
    expect(us.metonyms?.ar).toContain("البيت الأبيض");
    expect(us.demonyms?.ar).toEqual(expect.arrayContaining(["الأمريكي", "الأميركي", "الأمريكية", "الأمريكيين"]));
    const ru = kb.countries.find((c) => c.code === "RU")!;
    expect(ru.metonyms?.ar).toContain("الكرملين");
    expect(ru.demonyms?.ar).toEqual(expect.arrayContaining(["روسي", "الروسي", "الروسية", "الروس"]));
    const my = kb.countries.find((c) => c.code === "MY")!;
    expect(my.capitals?.ar).toContain("كوالالمبور");
  });

  it("derives Arabic demonyms by the nisba rule for countries nobody wrote by hand", () => {
    const ke = kb.countries.find((c) => c.code === "KE")!;
    expect(ke.demonyms?.ar).toEqual(expect.arrayContaining(["كيني", "الكينية", "الكينيون"]));
    const ml = kb.countries.find((c) => c.code === "ML")!;
    // مالي is also "financial": no generated forms, and the name needs a place cue.
    expect(ml.demonyms?.ar ?? []).toEqual([]);
    expect(ml.weak).toContain("مالي");
  });

  it("lists at least 300 people, each with English and Arabic names and a description in both", () => {
    expect(kb.people.length).toBeGreaterThanOrEqual(300);
    for (const p of kb.people) {
      expect(p.name.en && p.name.ar).toBeTruthy();
      expect(p.description?.en && p.description?.ar).toBeTruthy();
      if (p.wikidata) expect(p.wikidata).toMatch(/^Q\d+$/);
    }
    const lavrov = kb.people.find((p) => p.id === "sergei-lavrov")!;
    expect(lavrov.aliases?.ar).toContain("سيرغي لافروف");
    const zelensky = kb.people.find((p) => p.id === "volodymyr-zelensky")!;
    expect(zelensky.short?.en).toEqual(expect.arrayContaining(["Zelensky", "Zelenskyy"]));
    expect(zelensky.short?.ar).toEqual(expect.arrayContaining(["زيلينسكي", "زيلينسكيي"]));
  });

  it("knows organisations so that they are not read as people or countries", () => {
    const ids = new Set(kb.orgs.map((o) => o.id));
    for (const id of ["asean", "eu", "nato", "un", "epa", "reuters", "afp"]) expect(ids.has(id)).toBe(true);
  });
});

describe("loadKnowledgeBase on a directory with malformed rows", () => {
  const broken = loadKnowledgeBase(path.join(FIXTURES, "kb-malformed"));

  it("names the file and line of every bad row", () => {
    const where = broken.errors.map((e) => `${e.file}:${e.line}`);
    expect(where).toEqual(
      expect.arrayContaining(["countries.jsonl:2", "people.jsonl:2", "people.jsonl:4", "orgs.jsonl:2", "regions.jsonl:2"]),
    );
    expect(broken.errors.find((e) => e.file === "people.jsonl" && e.line === 2)!.problem).toMatch(/invalid JSON/);
    expect(broken.errors.find((e) => e.file === "people.jsonl" && e.line === 4)!.problem).toMatch(/wikidata/);
    expect(broken.errors.find((e) => e.file === "orgs.jsonl")!.problem).toMatch(/duplicate org "asean"/);
  });

  it("still loads the good rows around them", () => {
    expect(broken.countries.map((c) => c.code)).toEqual(["RU", "US"]);
    expect(broken.people.map((p) => p.id)).toEqual(["sergei-lavrov", "marco-rubio-2"]);
    expect(broken.orgs.map((o) => o.id)).toEqual(["asean"]);
  });

  it("refuses a directory that does not exist, naming it", () => {
    expect(() => loadKnowledgeBase(path.join(FIXTURES, "nowhere"))).toThrow(KbLoadError);
    expect(() => loadKnowledgeBase(path.join(FIXTURES, "nowhere"))).toThrow(/nowhere: directory not found/);
  });
});

describe("validateKbRow", () => {
  it("accepts a well-formed person and explains what is wrong with a bad one", () => {
    expect(validateKbRow("person", { id: "a-b", name: { en: "A B", ar: "أ ب" } })).toEqual([]);
    const problems = validateKbRow("person", { id: "A B", name: { en: "A B" }, country: "Russia" });
    expect(problems.join(" | ")).toMatch(/"id" must be a lower-case slug/);
    expect(problems.join(" | ")).toMatch(/"name.ar" is required/);
    expect(problems.join(" | ")).toMatch(/"country" must be ISO alpha-2, got "Russia"/);
  });

  it("rejects a non-object row", () => {
    expect(validateKbRow("country", [1, 2])).toEqual(["expected a JSON object, got array"]);
  });

  it("parses JSONL text with a BOM and CRLF line ends", () => {
    const { rows, errors } = parseKbJsonl('\ufeff{"id":"x","name":{"en":"X"}}\r\n{"id":\r\n', "orgs.jsonl", "org");
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([{ file: "orgs.jsonl", line: 2, problem: expect.stringMatching(/invalid JSON/) }]);
  });
});

describe("EntityMatcher.add", () => {
  it("makes a person added at run time findable, with the surname after the full name", () => {
    const matcher = new EntityMatcher({ countries: kb.countries });
    matcher.add({ type: "person", id: "sergei-ryabkov", name: { en: "Sergei Ryabkov", ar: "سيرغي ريابكوف" }, status: "unverified" });
    const toks = tokenize("قال سيرغي ريابكوف ثم قال ريابكوف");
    const full = matcher.candidatesAt(toks, 1)[0];
    expect(full.payloads[0].target).toEqual({ kind: "person", id: "sergei-ryabkov", form: "full" });
    expect(full.end - full.start).toBe(2);
    expect(matcher.candidatesAt(toks, 5)[0].payloads[0].target).toEqual({ kind: "person", id: "sergei-ryabkov", form: "surname" });
  });

  it("lists candidates longest first, a reading behind a clitic after the word itself, and none for other words", () => {
    const matcher = new EntityMatcher({ countries: kb.countries });
    matcher.add({ type: "person", id: "sergei-ryabkov", name: { en: "Sergei Ryabkov", ar: "سيرغي ريابكوف" }, status: "unverified" });
    matcher.add({ type: "person", id: "wsergei", name: { en: "Wsergei", ar: "وسيرغي" }, status: "unverified" });
    const toks = tokenize("وسيرغي ريابكوف قال");
    expect(matcher.candidatesAt(toks, 0).map((c) => [c.end - c.start, c.stripped, c.payloads[0].target.kind === "person" && c.payloads[0].target.id])).toEqual([
      [2, true, "sergei-ryabkov"],
      [1, false, "wsergei"],
    ]);
    const none = matcher.candidatesAt(toks, 2);
    expect(none).toEqual([]);
    expect(() => none.push(matcher.candidatesAt(toks, 0)[0])).toThrow(TypeError);
    expect(matcher.candidatesAt(tokenize("Sergei Ryabkov"), 0).map((c) => c.end - c.start)).toEqual([2]);
  });

  it("adds a curated alias to a known person", () => {
    const matcher = createMatcher();
    matcher.addAlias("sergei-lavrov", "سيرغيه لافروف");
    const hit = matcher.candidatesAt(tokenize("سيرغيه لافروف"), 0)[0];
    expect(hit.payloads[0].target).toMatchObject({ id: "sergei-lavrov", form: "full" });
  });

  it("rejects an entry that breaks the row contract", () => {
    const matcher = new EntityMatcher();
    expect(() => matcher.add({ type: "person", id: "X", name: { en: "X" } })).toThrow(EntityEntryError);
    expect(() => matcher.addAlias("nobody", "Nobody")).toThrow(/unknown person "nobody"/);
  });
});
