import { mergeCredit, splitCredit } from "../../../src/sources/extract/credit";

describe("splitCredit", () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    [
      "يتحدث وزير الخارجية الأمريكي ماركو روبيو مع لافروف (آسيان) [فازري إسماعيل/وكالة الأنباء الأوروبية].",
      "يتحدث وزير الخارجية الأمريكي ماركو روبيو مع لافروف (آسيان).",
      "فازري إسماعيل/وكالة الأنباء الأوروبية",
    ],
    ["Protesters gather in Hong Kong. (Name Surname/Agency)", "Protesters gather in Hong Kong.", "Name Surname/Agency"],
    ["A long row of unsold vehicles. (AP Photo/David Zalubowski)", "A long row of unsold vehicles.", "AP Photo/David Zalubowski"],
    ["Sergei Lavrov arrives in Kuala Lumpur. Photograph: Fazry Ismail/EPA", "Sergei Lavrov arrives in Kuala Lumpur.", "Fazry Ismail/EPA"],
    ["The hospital in Beijing where patients sought treatmentCredit: EPA", "The hospital in Beijing where patients sought treatment", "EPA"],
    ["Marco Rubio speaks to reporters. Photo: Mandel Ngan/AFP via Getty Images", "Marco Rubio speaks to reporters.", "Mandel Ngan/AFP via Getty Images"],
    ["Image: NASA/JPL-Caltech", undefined, "NASA/JPL-Caltech"],
    ["Firefighters at the scene on Tuesday. Getty Images", "Firefighters at the scene on Tuesday.", "Getty Images"],
    ["Firefighters at the scene on Tuesday. Tyrone Siu/Reuters", "Firefighters at the scene on Tuesday.", "Tyrone Siu/Reuters"],
    ["الرئيس الفرنسي في مايوت (رويترز)", "الرئيس الفرنسي في مايوت", "رويترز"],
    ["متظاهرون في الخرطوم (أ ف ب)", "متظاهرون في الخرطوم", "أ ف ب"],
    ["متظاهرون في الخرطوم (أ.ب)", "متظاهرون في الخرطوم", "أ.ب"],
    ["جانب من الاجتماع. الصورة: وكالة الأناضول", "جانب من الاجتماع.", "وكالة الأناضول"],
    ["جانب من الاجتماع - تصوير: أحمد علي", "جانب من الاجتماع", "أحمد علي"],
    ["The Doobie Brothers perform at the Beacon. (Photo by Kevin Winter/Getty Images)", "The Doobie Brothers perform at the Beacon.", "Kevin Winter/Getty Images"],
    ["Queen Elizabeth II at Windsor © John Smith", "Queen Elizabeth II at Windsor", "John Smith"],
  ];

  it.each(cases)("splits %p into caption and credit", (raw, caption, credit) => {
    expect(splitCredit(raw)).toEqual({ ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) });
  });

  it.each([
    "The minister told Reuters on Friday that talks would resume",
    "Tesla's Model 3 (left) and Model Y (right)",
    "Officials inspect the damage in Mosul (file photo)",
    "Fans at the 2019 final (2-1)",
  ])("leaves a caption without a credit whole: %p", (raw) => {
    expect(splitCredit(raw)).toEqual({ caption: raw });
  });

  it("returns nothing for empty captions", () => {
    expect(splitCredit("  ")).toEqual({});
    expect(splitCredit(undefined)).toEqual({});
  });

  it("drops a separately marked credit that the caption text already ends with", () => {
    expect(mergeCredit({ caption: "Rubio in Kuala Lumpur EPA" }, "EPA")).toEqual({ caption: "Rubio in Kuala Lumpur", credit: "EPA" });
  });
});
