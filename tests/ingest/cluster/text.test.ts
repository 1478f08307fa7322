import { contentTerms, normaliseText, tokenize } from "../../../src/ingest/cluster";
import { stemArabic, stemEnglish } from "../../../src/ingest/cluster/terms";

describe("text normalisation for clustering", () => {
  it("folds Arabic diacritics, tatweel, alef forms, alef maqsura and ta marbuta", () => {
    expect(normaliseText("أوكرانيَا")).toBe(normaliseText("اوكرانيا"));
    expect(normaliseText("لافـــروف")).toBe("لافروف");
    expect(normaliseText("إيران")).toBe("ايران");
    expect(normaliseText("مستشفى")).toBe("مستشفي");
    expect(normaliseText("الروسية")).toBe("الروسيه");
  });

  it("turns Arabic-Indic digits into ASCII and folds Latin case and accents", () => {
    expect(normaliseText("٥٨")).toBe("58");
    expect(normaliseText("Díaz-Canel SÁNCHEZ")).toBe("diaz-canel sanchez");
  });

  it("tokenises without the lone letters left by possessives and abbreviations", () => {
    expect(tokenize("Rubio's talks with Lavrov")).toEqual(["rubio", "talks", "with", "lavrov"]);
  });
});

describe("title and lede terms", () => {
  it("meets the clitic and plural forms of an Arabic word in one stem", () => {
    const stem = (w: string) => stemArabic(normaliseText(w));
    expect(stem("بالفاشر")).toBe(stem("الفاشر"));
    expect(stem("للولايات")).toBe(stem("الولايات"));
    expect(stem("بشمال")).toBe(stem("شمال"));
    expect(stem("لبريطانيا")).toBe(stem("بريطانيا"));
    expect(stem("ووزير")).toBe(stem("وزير"));
  });

  it("keeps Arabic words whose first letter is a real و intact", () => {
    expect(stemArabic(normaliseText("وزارة"))).toBe("وزار");
    expect(stemArabic(normaliseText("وزير"))).toBe("وزير");
  });

  it("folds English inflections onto one stem", () => {
    expect(new Set(["killed", "kills", "kill"].map(stemEnglish)).size).toBe(1);
    expect(new Set(["shelling", "shelled", "shells"].map(stemEnglish)).size).toBe(1);
    expect(new Set(["announced", "announces", "announce"].map(stemEnglish)).size).toBe(1);
    expect(stemEnglish("countries")).toBe(stemEnglish("country"));
  });

  it("drops stopwords, weekdays, reporting verbs and bare numbers", () => {
    expect(contentTerms("Lavrov said on Friday that 50 ministers met in Kuala Lumpur")).toEqual(
      ["lavrov", "minister", "met", "kuala", "lumpur"],
    );
    expect(contentTerms("وقال لافروف يوم الجمعة إن الوزراء اجتمعوا في كوالالمبور")).not.toContain("الجمعه");
  });
});
