import { loadKnowledgeBase } from "../../../src/ingest/entities";
import { compareNames, SAME_PERSON_THRESHOLD, SUGGEST_THRESHOLD, translitKey } from "../../../src/ingest/entities/translit";

const en = (text: string) => ({ text, lang: "en" });
const ar = (text: string) => ({ text, lang: "ar" });

describe("translitKey", () => {
  it("gives the Latin and Arabic spellings of one name the same consonant skeleton", () => {
    expect(translitKey("Ryabkov", "en")).toBe(translitKey("ريابكوف", "ar"));
    expect(translitKey("Lavrov", "en")).toBe("LFRF");
    expect(translitKey("لافروف", "ar")).toBe("LFRF");
    expect(translitKey("Sergei", "en")).toBe(translitKey("سيرغي", "ar"));
    expect(translitKey("سيرجي", "ar")).toBe(translitKey("سيرغي", "ar"));
  });

  it("keeps a word-initial vowel and drops the article", () => {
    expect(translitKey("Erdogan", "en")).toBe("ARDGN");
    expect(translitKey("أردوغان", "ar")).toBe("ARDGN");
    expect(translitKey("al-Assad", "en")).toBe(translitKey("الأسد", "ar"));
  });

  it("reads أل/إل/آل at the start of a word as part of a foreign name, ال as the article", () => {
    expect(translitKey("كارلوس ألكاراز", "ar")).toBe(translitKey("Carlos Alcaraz", "en"));
    expect(translitKey("إلهام علييف", "ar")).toBe(translitKey("Ilham Aliyev", "en"));
    expect(translitKey("آلان غارسيا", "ar")).toBe(translitKey("Alan Garcia", "en"));
    expect(translitKey("نوري المالكي", "ar")).toBe(translitKey("Nouri al-Maliki", "en"));
    expect(translitKey("حمد آل ثاني", "ar")).toBe(translitKey("Hamad Al Thani", "en"));
  });

  it("keys each word separately", () => {
    expect(translitKey("Wang Yi", "en")).toBe("WNG Y");
    expect(translitKey("وانغ يي", "ar")).toBe("WNG Y");
  });
});

describe("compareNames", () => {
  const realPairs: [string, string][] = [
    ["Ryabkov", "ريابكوف"],
    ["Lavrov", "لافروف"],
    ["Zelensky", "زيلينسكي"],
    ["Erdogan", "أردوغان"],
    ["Netanyahu", "نتنياهو"],
    ["Wang Yi", "وانغ يي"],
    ["Vladimir Putin", "فلاديمير بوتين"],
    ["Emmanuel Macron", "إيمانويل ماكرون"],
  ];

  it.each(realPairs)("reads %s and %s as the same person", (latin, arabic) => {
    const r = compareNames(en(latin), ar(arabic));
    expect(r.confidence).toBeGreaterThanOrEqual(SAME_PERSON_THRESHOLD);
    expect(r.verdict).toBe("same");
    expect(r.reason).toMatch(/cross-script/);
  });

  it("reads spelling variants within Arabic and within English as one person", () => {
    expect(compareNames(ar("سيرجي لافروف"), ar("سيرغي لافروف")).verdict).toBe("same");
    expect(compareNames(en("Zelenskyy"), en("Zelensky")).verdict).toBe("same");
  });

  it("joins a lone surname to the full name it shortens", () => {
    expect(compareNames(ar("ريابكوف"), ar("سيرغي ريابكوف")).verdict).toBe("same");
    expect(compareNames(en("Ryabkov"), ar("سيرغي ريابكوف")).verdict).toBe("same");
  });

  const nearMisses: [{ text: string; lang: string }, { text: string; lang: string }][] = [
    [en("Sergei Lavrov"), ar("سيرغي ريابكوف")],
    [en("Donald Tusk"), ar("دونالد ترامب")],
    [en("Kim Yo Jong"), ar("كيم جونغ أون")],
    [en("Ali Larijani"), ar("علي خامنئي")],
    [en("Abbas Araghchi"), ar("محمود عباس")],
    [en("Rahul Gandhi"), en("Indira Gandhi")],
    [en("Lavrov"), en("Lavrentiev")],
  ];

  it.each(nearMisses)("keeps %j and %j below the suggestion threshold", (a, b) => {
    const r = compareNames(a, b);
    expect(r.confidence).toBeLessThan(SUGGEST_THRESHOLD);
    expect(r.verdict).toBe("different");
  });

  it("does not take a lone name for someone else across scripts when its written vowels differ (Melania is not Meloni)", () => {
    for (const [a, b] of [[en("Melania"), ar("جورجيا ميلوني")], [ar("ميلانيا"), en("Meloni")], [ar("ميلانيا"), en("Giorgia Meloni")]]) {
      const r = compareNames(a, b);
      expect(r.verdict).toBe("suggest");
      expect(r.reason).toMatch(/vowels disagree/);
    }
  });

  it("finds the vowels of the knowledge base's own lone Latin surnames in their Arabic names (under 2% disagree)", () => {
    const pairs = loadKnowledgeBase().people
      .filter((p) => p.name.en && p.name.ar && p.name.en.split(/\s+/).length >= 2 && p.name.ar.split(/\s+/).length >= 2)
      .map((p) => [p.name.en!.split(/\s+/).pop()!, p.name.ar!] as const);
    const disagree = pairs.filter(([surname, arabic]) => /vowels disagree/.test(compareNames(en(surname), ar(arabic)).reason));
    expect(pairs.length).toBeGreaterThan(200);
    expect(disagree.length / pairs.length).toBeLessThan(0.02);
  });

  it("lets letters veto a skeleton match between two spellings in one script", () => {
    // Rubio and Robb share the skeleton RB, but not their letters.
    const r = compareNames(en("Rubio"), en("Robb"));
    expect(r.verdict).not.toBe("same");
  });

  it("puts a shared surname with a different given name between the thresholds at most", () => {
    const r = compareNames(en("Donald Trump"), en("Melania Trump"));
    expect(r.confidence).toBeLessThan(SAME_PERSON_THRESHOLD);
  });

  it("answers zero for names with no comparable letters", () => {
    expect(compareNames(en("—"), ar("بوتين")).confidence).toBe(0);
  });
});
