import { arabicCandidates, normalizeArabic, stripArticle } from "../../../src/ingest/entities/arabic";
import { normalizeLatin } from "../../../src/ingest/entities/english";
import { tokenize } from "../../../src/ingest/entities/tokenize";

describe("normalizeArabic", () => {
  it("strips harakat, tanwin, shadda, sukun, dagger alef and tatweel", () => {
    expect(normalizeArabic("مُحَمَّدٌ")).toBe("محمد");
    expect(normalizeArabic("هٰذا")).toBe("هذا");
    expect(normalizeArabic("بـــوتين")).toBe("بوتين");
    expect(normalizeArabic("بَابًا")).toBe("بابا");
    expect(normalizeArabic("مَسْجِد")).toBe("مسجد");
  });

  it("folds alef forms, alef maqsura, ta marbuta and hamza seats", () => {
    expect(normalizeArabic("أوكرانيا")).toBe(normalizeArabic("اوكرانيا"));
    expect(normalizeArabic("إيران")).toBe("ايران");
    expect(normalizeArabic("آسيان")).toBe("اسيان");
    expect(normalizeArabic("ٱلله")).toBe("الله");
    expect(normalizeArabic("مصطفى")).toBe("مصطفي");
    expect(normalizeArabic("سورية")).toBe("سوريه");
    expect(normalizeArabic("مؤتمر")).toBe("موتمر");
    expect(normalizeArabic("رئيس")).toBe("رييس");
  });

  it("maps Persian and Urdu letters to their Arabic matching letters", () => {
    expect(normalizeArabic("عراقچی")).toBe("عراقجي");
    expect(normalizeArabic("پزشکیان")).toBe("بزشكيان");
    expect(normalizeArabic("گاز")).toBe("كاز");
    expect(normalizeArabic("ژوئن")).toBe("زوين");
    expect(normalizeArabic("ڤيينا")).toBe("فيينا");
  });

  it("turns Arabic-Indic and Persian digits into ASCII digits", () => {
    expect(normalizeArabic("١٠ يوليو ٢٠٢٥")).toBe("10 يوليو 2025");
    expect(normalizeArabic("۱۴۰۴")).toBe("1404");
  });

  it("removes bidi marks that corpora leave inside words", () => {
    expect(normalizeArabic("\u200eالمانيا")).toBe("المانيا");
  });

  it("leaves Latin text untouched", () => {
    expect(normalizeArabic("Sergei Lavrov 2025")).toBe("Sergei Lavrov 2025");
  });
});

describe("arabicCandidates", () => {
  it("offers the stem behind conjunction, preposition and article clitics", () => {
    expect(arabicCandidates(normalizeArabic("وبوتين"))).toContain("بوتين");
    expect(arabicCandidates(normalizeArabic("لروسيا"))).toContain("روسيا");
    expect(arabicCandidates(normalizeArabic("والأمريكي"))).toContain("الامريكي");
    expect(arabicCandidates(normalizeArabic("بالكرملين"))).toContain("الكرملين");
    expect(arabicCandidates(normalizeArabic("للعراق"))).toContain("العراق");
    expect(arabicCandidates(normalizeArabic("وللصين"))).toContain("الصين");
  });

  it("keeps the whole word first, so names that start with clitic letters are tried as themselves", () => {
    expect(arabicCandidates("لافروف")[0]).toBe("لافروف");
    expect(arabicCandidates("بوتين")[0]).toBe("بوتين");
    expect(arabicCandidates("فيصل")[0]).toBe("فيصل");
  });

  it("never leaves a stem shorter than two letters", () => {
    expect(arabicCandidates("ول")).toEqual(["ول"]);
    expect(arabicCandidates("بي")).toEqual(["بي"]);
  });

  it("strips the article for transliteration but keeps short words whole", () => {
    expect(stripArticle("الروسي")).toBe("روسي");
    expect(stripArticle("والشرع")).toBe("شرع");
    expect(stripArticle("الي")).toBe("الي");
  });
});

describe("tokenize", () => {
  it("drops possessive 's and marks the owner", () => {
    const toks = tokenize("Putin's envoy and Lavrov’s aide");
    expect(toks.map((t) => t.surface)).toEqual(["Putin", "envoy", "and", "Lavrov", "aide"]);
    expect(toks[0].possessive).toBe(true);
    expect(toks[3].possessive).toBe(true);
  });

  it("splits hyphenated names and initials into words with offsets into the text", () => {
    const text = "J.D. Vance met Kim Jong-un";
    const toks = tokenize(text);
    expect(toks.map((t) => t.norm)).toEqual(["j", "d", "vance", "met", "kim", "jong", "un"]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it("folds Latin accents and case for matching", () => {
    expect(normalizeLatin("Erdoğan")).toBe("erdogan");
    expect(normalizeLatin("Élysée")).toBe("elysee");
    expect(normalizeLatin("Støre")).toBe("store");
  });

  it("marks sentence starts so capitalisation there is not taken as a name cue", () => {
    const toks = tokenize("However, Rubio spoke. Then he left.");
    expect(toks[0].sentenceStart).toBe(true);
    expect(toks[1].sentenceStart).toBe(false);
    expect(toks[3].sentenceStart).toBe(true);
  });

  it("reads breaks anywhere in the gap, hyphens and possessives only as the whole gap", () => {
    const toks = tokenize("Kim Jong-un « Moon » - Lee 's x-'s");
    expect(toks.map((t) => [t.surface, t.sentenceStart, t.afterHyphen])).toEqual([
      ["Kim", true, false],
      ["Jong", false, false],
      ["un", false, true],
      ["Moon", true, false],
      ["Lee", true, false],
      ["s", false, false],
      ["x", false, false],
      ["s", false, false],
    ]);
    expect(toks[6].possessive).toBe(false);
    expect(tokenize("x'؟ y")[1].sentenceStart).toBe(true);
  });
});
