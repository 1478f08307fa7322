import { JSDOM } from "jsdom";
import { mapCategory } from "../../../../src/sources/extract/category";
import { extractMetadata, MetadataError } from "../../../../src/sources/extract/metadata";
import { fixture } from "./helpers";

const AR_URL = "https://khabarain.example/world/2025/07/11/lavrov-rubio-kuala-lumpur?utm_source=feed";
const EN_URL = "https://www.dailyledger.example/2020/05/14/storm-batters-gulf-coast/?ref=home";

describe("extractMetadata on an Arabic news article", () => {
  const meta = extractMetadata(fixture("ar-world-article.html", AR_URL), AR_URL);

  it("reads the headline without the site name, and the site name itself", () => {
    expect(meta.title).toBe("اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا");
    expect(meta.siteName).toBe("خَبَرَيْن");
  });

  it("reads language, direction and canonical URL", () => {
    expect(meta.language).toBe("ar");
    expect(meta.direction).toBe("rtl");
    expect(meta.canonicalUrl).toBe("https://khabarain.example/world/2025/07/11/lavrov-rubio-kuala-lumpur");
  });

  it("reads publication and update times with the publisher's offset", () => {
    expect(meta.publishedAt?.toISOString()).toBe("2025-07-11T06:15:00.000Z");
    expect(meta.updatedAt?.toISOString()).toBe("2025-07-11T09:40:00.000Z");
    expect(meta.publishedOffsetMinutes).toBe(180);
  });

  it("reads the authors without the بقلم prefix", () => {
    expect(meta.authors).toEqual(["سارة الحسن", "كريم منصور"]);
  });

  it("keeps the section label as written and maps it to the shared category", () => {
    expect(meta.category).toBe("العالم");
    expect(mapCategory(meta.category, { url: AR_URL })?.iptc).toBe("medtop:11000000");
  });

  it("reads tags, description and the lead image with caption and credit", () => {
    expect(meta.tags).toEqual(["أوكرانيا", "آسيان", "روسيا"]);
    expect(meta.description).toMatch(/^التقى لافروف وروبيو في كوالالمبور/);
    expect(meta.leadImage).toEqual({
      url: "https://khabarain.example/media/2025/07/rubio-lavrov-handshake.jpg",
      alt: "وزير الخارجية الأمريكي ماركو روبيو ووزير الخارجية الروسي سيرجي لافروف يتصافحان",
      caption: "يتحدث وزير الخارجية الأمريكي ماركو روبيو مع وزير الخارجية الروسي سيرغي لافروف",
      credit: "فازري إسماعيل/وكالة الأنباء الأوروبية",
    });
  });
});

describe("extractMetadata on an English page with little metadata", () => {
  const meta = extractMetadata(fixture("en-weather-article.html", EN_URL), EN_URL);

  it("learns the site name from the title decoration", () => {
    expect(meta.title).toBe("Storm batters Gulf coast as thousands evacuate");
    expect(meta.siteName).toBe("The Daily Ledger");
  });

  it("reads the visible byline and the <time> under the headline", () => {
    expect(meta.authors).toEqual(["Jane Doe", "John Roe"]);
    expect(meta.publishedAt?.toISOString()).toBe("2020-05-14T12:30:00.000Z");
    expect(meta.publishedOffsetMinutes).toBe(-240);
  });

  it("resolves a relative canonical link against <base href>", () => {
    expect(meta.canonicalUrl).toBe("https://www.dailyledger.example/2020/05/14/storm-batters-gulf-coast/");
  });

  it("takes the section from the breadcrumb trail, past the home link", () => {
    expect(meta.category).toBe("Weather");
    expect(mapCategory(meta.category)?.id).toBe("weather");
  });

  it("splits the photo credit off the caption of the lead image's figure", () => {
    expect(meta.leadImage).toEqual({
      url: "https://cdn.dailyledger.example/img/2020/05/sandbags-1200x800.jpg",
      alt: "Residents fill sandbags",
      caption: "Residents fill sandbags near the seawall on Wednesday.",
      credit: "Ana Lopez/Reuters",
    });
    expect(meta.tags).toEqual(["storms", "evacuations", "Gulf coast"]);
  });
});

describe("extractMetadata contract", () => {
  it("does not change the document it reads", () => {
    const doc = fixture("ar-world-article.html", AR_URL);
    const before = doc.documentElement.outerHTML;
    extractMetadata(doc, AR_URL);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it("names the module and what it received when given no document", () => {
    expect(() => extractMetadata(null as unknown as Document, AR_URL)).toThrow(MetadataError);
    expect(() => extractMetadata(null as unknown as Document, AR_URL)).toThrow("metadata.extractor: expected a DOM Document, got null");
  });

  it("returns empty lists, not missing ones, for a bare page", () => {
    const meta = extractMetadata(new JSDOM("<p>hi</p>", { url: "https://x.example/" }).window.document, "https://x.example/");
    expect(meta.authors).toEqual([]);
    expect(meta.tags).toEqual([]);
    expect(meta.title).toBeUndefined();
    expect(meta.publishedAt).toBeUndefined();
  });

  it("decodes entities a page escaped twice in its meta tags", () => {
    const html = `<html><head><title>Q&amp;amp;A: the talks</title><meta name="description" content="المدينة نيوز :-&amp;nbsp; بلغت حصيلة الوفيات &amp;quot;50 ألفاً&amp;quot;"></head><body><p>hi</p></body></html>`;
    const meta = extractMetadata(new JSDOM(html, { url: "https://x.example/" }).window.document, "https://x.example/");
    expect(meta.description).toBe('المدينة نيوز :- بلغت حصيلة الوفيات "50 ألفاً"');
    expect(meta.title).toBe("Q&A: the talks");
  });
});
