import { isAdvertText, isPlaceholderText, isRelatedHeading, isShareText, isTrendingHeading, seeAlsoLabelLength } from "../../../src/sources/extract/labels";
import { isDateOnly } from "../../../src/sources/extract/stamps";

describe("labels", () => {
  it.each(["Loading...", "Loading image...", "Loading…", "جار التحميل...", "جارٍ التحميل"])("recognises the placeholder %p", (text) => {
    expect(isPlaceholderText(text)).toBe(true);
  });

  it("does not take a sentence about loading for a placeholder", () => {
    expect(isPlaceholderText("Loading of the ships resumed on Monday")).toBe(false);
  });

  it.each(["شارك الخبر:", "Share this article", "FacebookTwitterLinkedInEmail", "Facebook Twitter WhatsApp"])("recognises share labels %p", (text) => {
    expect(isShareText(text)).toBe(true);
  });

  it.each(["Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "إعلان"])("recognises the advert label %p", (text) => {
    expect(isAdvertText(text)).toBe(true);
  });

  it("measures see-also labels over Arabic spelling variants", () => {
    expect(seeAlsoLabelLength("إقرأ أيضاً: عنوان")).toBeGreaterThan(0);
    expect(seeAlsoLabelLength("اقرا ايضا عنوان")).toBeGreaterThan(0);
    expect(seeAlsoLabelLength("شاهدوا المباراة")).toBe(0);
  });

  it("tells related headings from site-wide lists", () => {
    expect(isRelatedHeading("أخبار ذات صلة")).toBe(true);
    expect(isRelatedHeading("مقالات ذات صلة")).toBe(true);
    expect(isRelatedHeading("Related stories")).toBe(true);
    expect(isRelatedHeading("More from World news")).toBe(true);
    expect(isRelatedHeading("Most viewed")).toBe(false);
    expect(isTrendingHeading("Most viewed")).toBe(true);
    expect(isTrendingHeading("الأكثر قراءة")).toBe(true);
  });
});

describe("isDateOnly", () => {
  it.each([
    "4:00 am CST, Wednesday, November 20, 2019",
    "Nov 18, 2019 at 4:07 PM",
    "10 يوليو 2025",
    "الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)",
    "segunda-feira, 22 de janeiro de 2018 às 0:13",
    "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً",
    "2019-11-18T20:51:19Z",
  ])("recognises the date line %p", (text) => {
    expect(isDateOnly(text)).toBe(true);
  });

  it.each(["5040", "1 Kyle Busch 5040", "On 3 July Putin spoke with Trump", "2019"])("leaves %p alone", (text) => {
    expect(isDateOnly(text)).toBe(false);
  });
});
