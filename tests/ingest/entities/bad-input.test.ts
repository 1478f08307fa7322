import path from "node:path";
import { createMatcher, extractEntities, loadKnowledgeBase, EntityMatcher } from "../../../src/ingest/entities";

const matcher = createMatcher();

describe("extractEntities on awkward input", () => {
  it("returns empty lists for an article with no text at all", () => {
    const r = extractEntities({}, matcher);
    expect(r).toEqual({ people: [], countries: [], places: [], orgs: [], regions: [], suggestions: [], credited: { orgs: [], names: [] } });
    expect(extractEntities({ title: "", bodyText: "   \n\n ", captions: [] }, matcher).people).toEqual([]);
  });

  it("still matches the knowledge base in a language without discovery rules", () => {
    const fr = extractEntities({ language: "fr", bodyText: "Emmanuel Macron a reçu Olaf Scholz à l'Élysée. Le Quai d'Orsay a confirmé." }, matcher);
    expect(fr.people.map((p) => p.ref)).toEqual(expect.arrayContaining([{ kind: "kb", id: "emmanuel-macron" }, { kind: "kb", id: "olaf-scholz" }]));
    expect(fr.countries.map((c) => c.code)).toEqual(["FR"]);
    expect(fr.people.every((p) => p.ref.kind === "kb")).toBe(true);
    const zh = extractEntities({ language: "zh", bodyText: "习近平会见普京。Xi Jinping met Vladimir Putin." }, matcher);
    expect(zh.people.map((p) => p.ref)).toEqual(expect.arrayContaining([{ kind: "kb", id: "xi-jinping" }, { kind: "kb", id: "vladimir-putin" }]));
  });

  it("handles Arabic and English in one text, each with its own rules", () => {
    const r = extractEntities({ bodyText: "قال الرئيس الأمريكي دونالد ترامب إن Sergey Lavrov met Rubio في كوالالمبور" }, matcher);
    const ids = r.people.map((p) => (p.ref.kind === "kb" ? p.ref.id : p.ref.name)).sort();
    expect(ids).toEqual(["donald-trump", "marco-rubio", "sergei-lavrov"]);
    expect(r.countries.map((c) => c.code).sort()).toEqual(["MY", "US"]);
  });

  it("gets through a 5 MB article and still counts what it contains", () => {
    const paragraph = "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو وواشنطن تبحثان الحرب في أوكرانيا. Rubio met Lavrov in Kuala Lumpur.\n\n";
    const bodyText = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(paragraph)));
    const r = extractEntities({ language: "ar", bodyText }, matcher);
    const lavrov = r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "sergei-lavrov")!;
    const repeats = bodyText.length / paragraph.length;
    expect(lavrov.count).toBe(2 * repeats);
    expect(r.countries.find((c) => c.code === "UA")!.count).toBe(repeats);
  });

  it("ignores control characters, emoji and lone punctuation", () => {
    const r = extractEntities({ bodyText: "\u0000\u0007 🇷🇺 ... ;;; --- Putin 🙂 \uFFFD" }, matcher);
    expect(r.people.map((p) => p.ref)).toEqual([{ kind: "kb", id: "vladimir-putin" }]);
  });

  it("works with a knowledge base that lost rows to errors", () => {
    const broken = loadKnowledgeBase(path.join(__dirname, "../../fixtures/ingest/entities/kb-malformed"));
    const small = new EntityMatcher(broken);
    const r = extractEntities({ language: "ar", bodyText: "التقى لافروف بنظيره الأمريكي في روسيا" }, small);
    expect(r.people.map((p) => p.ref)).toEqual([{ kind: "kb", id: "sergei-lavrov" }]);
    expect(r.countries.map((c) => c.code)).toEqual(["RU"]);
  });
});
