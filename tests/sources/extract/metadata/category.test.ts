import { CATEGORIES, mapCategory } from "../../../../src/sources/extract/category";

const idOf = (label: string | undefined, url?: string) => mapCategory(label, { url })?.id;

describe("shared categories", () => {
  it("lists the 17 IPTC Media Topics top-level topics with unique codes and both names", () => {
    expect(CATEGORIES).toHaveLength(17);
    expect(new Set(CATEGORIES.map((c) => c.iptc)).size).toBe(17);
    expect(CATEGORIES.map((c) => c.iptc).sort()[0]).toBe("medtop:01000000");
    for (const c of CATEGORIES) {
      expect(c.iptc).toMatch(/^medtop:(0[1-9]|1[0-7])000000$/);
      expect(c.ar).toMatch(/\p{Script=Arabic}/u);
      expect(c.en).toMatch(/^[A-Z]/);
    }
  });

  it.each([
    ["World", "politics"], ["العالم", "politics"], ["International", "politics"], ["عربي ودولي", "politics"],
    ["Politics", "politics"], ["سياسة", "politics"], ["Business", "economy-business-finance"], ["أعمال", "economy-business-finance"],
    ["اقتصاد", "economy-business-finance"], ["Sport", "sport"], ["رياضة", "sport"], ["الرياضة", "sport"],
    ["Tech", "science-technology"], ["تكنولوجيا", "science-technology"], ["Science", "science-technology"], ["علوم", "science-technology"],
    ["Health", "health"], ["صحة", "health"], ["Entertainment", "arts-culture-entertainment-media"], ["تسلية", "arts-culture-entertainment-media"],
    ["فن", "arts-culture-entertainment-media"], ["World News", "politics"], ["أخبار العالم", "politics"], ["Science & Tech", "science-technology"],
    ["Higher education", "education"], ["2020 Election", "politics"], ["الطقس", "weather"], ["Climate", "environment"], ["Crime", "crime-law-justice"],
  ])("maps the section %s to %s", (label, id) => {
    expect(idOf(label)).toBe(id);
  });

  it.each([["Opinion"], ["رأي"], ["Video"], ["News"], ["أخبار"], ["Home"], ["Features"], ["منوعات"], ["Lorem"]])(
    "leaves %s unmapped rather than guess",
    (label) => {
      expect(idOf(label)).toBeUndefined();
    },
  );

  it("falls back to a section folder in the URL when there is no label", () => {
    expect(idOf(undefined, "https://news.example/sport/football/some-match-report")).toBe("sport");
    expect(idOf(undefined, "https://news.example/2020/05/14/some-story")).toBeUndefined();
  });
});
