import { parseFeed } from "../../../src/sources/parsers";
import type { ParsedSitemap } from "../../../src/sources/parsers";
import { fixture } from "./fixtures";

describe("Arabic RSS 2.0 with Arabic dates", () => {
  const feed = parseFeed(fixture("arabic-rss.xml"), undefined, { baseUrl: "https://khabarain.example/rss/world.xml" });

  it("reads the channel head, normalising the language and reading Arabic-Indic digits in ttl", () => {
    expect(feed).toMatchObject({
      kind: "rss",
      title: "خَبَرَيْن - العالم",
      link: "https://khabarain.example/world",
      language: "ar",
      direction: "rtl",
      ttlMinutes: 15,
      skipHours: [2, 3, 4],
      skipDays: [5],
      imageUrl: "https://khabarain.example/static/logo.png",
    });
    expect(feed.updatedAt?.toISOString()).toBe("2025-07-11T07:30:00.000Z");
  });

  it("parses an Arabic weekday, month name and ص marker with a numeric zone", () => {
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2025-07-11T06:15:00.000Z");
  });

  it("parses a Levantine month name written in Arabic-Indic digits with GMT+3", () => {
    expect(feed.items[1].publishedAt?.toISOString()).toBe("2025-07-11T11:05:00.000Z");
  });

  it("keeps the full body, resolves its relative links against the item link and marks it not a teaser", () => {
    const item = feed.items[0];
    expect(item.isTeaser).toBe(false);
    expect(item.bodyHtml).toContain('src="https://khabarain.example/media/2025/07/asean-group.jpg"');
    expect(item.bodyHtml).toContain('href="https://khabarain.example/world/wang-yi-profile"');
    expect(item.bodyText).toContain("من المقرر أن يلتقي كبار الدبلوماسيين الأمريكيين والصينيين");
    expect(item.summary).toBe('التقى لافروف وروبيو في كوالالمبور لمناقشة أوكرانيا، حيث تم بحث "نهج جديد" للسلام.');
  });

  it("reads Media RSS under any prefix with its caption and credit", () => {
    expect(feed.items[0].images).toEqual([
      {
        url: "https://khabarain.example/media/2025/07/rubio-lavrov.jpg",
        caption: "يتحدث وزير الخارجية الأمريكي ماركو روبيو مع وزير الخارجية الروسي سيرغي لافروف",
        credit: "فازري إسماعيل/وكالة الأنباء الأوروبية",
        width: 1200,
        height: 800,
      },
    ]);
  });

  it("reads categories, several dc:creator and image enclosures", () => {
    expect(feed.items[0]).toMatchObject({ category: "العالم", tags: ["العالم", "أوكرانيا", "روسيا"], authors: ["فريق التحرير"] });
    expect(feed.items[1].authors).toEqual(["سارة الأحمد", "Sara Al-Ahmad"]);
    expect(feed.items[1].images).toEqual([{ url: "https://khabarain.example/media/2025/07/oval-office.jpg" }]);
    expect(feed.items[1].isTeaser).toBe(true);
  });

  it("drops the item repeating a GUID and reports it", () => {
    expect(feed.items.map((i) => i.guid)).toEqual(["khabarain-2025-07-11-0001", "khabarain-2025-07-11-0002", undefined]);
    expect(feed.diagnostics.duplicatesDropped).toBe(1);
  });

  it("keeps an item with no title or date, titling it from its first words", () => {
    const item = feed.items[2];
    expect(item.title).toBe("بيان مقتضب: وصل الرئيس الفرنسي إيمانويل ماكرون إلى جزيرة مايوت المنكوبة بعد…");
    expect(item.publishedAt).toBeUndefined();
    expect(item.url).toBe("https://khabarain.example/world/macron-mayotte");
  });
});

describe("Atom feed with xml:lang=\"ar\" and xml:base", () => {
  const feed = parseFeed(fixture("arabic-atom.xml"));
  const [entry, english] = feed.items;

  it("inherits the language from xml:lang, per entry", () => {
    expect(feed).toMatchObject({ kind: "atom", language: "ar", direction: "rtl", link: "https://akhbar.example/economy/" });
    expect(entry).toMatchObject({ language: "ar", direction: "rtl" });
    expect(english).toMatchObject({ language: "en", direction: "ltr" });
  });

  it("reads an HTML title and subtitle as text", () => {
    expect(entry.title).toBe("الصين تحذر من الانتقام من الدول الداعمة لاستبعادها");
    expect(feed.description).toBe("تغطية يومية للأسواق العربية");
  });

  it("serialises inline XHTML content and resolves links against the content's xml:base", () => {
    expect(entry.bodyHtml).toContain("<strong>100 في المائة</strong>");
    expect(entry.bodyHtml).toContain('href="https://akhbar.example/economy/2025/07/tariffs-explained"');
    expect(entry.bodyHtml).not.toContain("xmlns");
    expect(entry.isTeaser).toBe(false);
  });

  it("resolves links against xml:base and splits image from audio enclosures", () => {
    expect(entry.url).toBe("https://akhbar.example/economy/2025/07/china-warning");
    expect(entry.images).toEqual([{ url: "https://akhbar.example/img/beijing-port.jpg" }]);
    expect(entry.enclosures).toEqual([{ url: "https://akhbar.example/audio/china-warning.mp3", type: "audio/mpeg", length: 4200000 }]);
  });

  it("takes category labels over terms, published and updated dates and several authors", () => {
    expect(entry).toMatchObject({ category: "اقتصاد", tags: ["اقتصاد", "الصين"], authors: ["ليلى حداد", "Omar Khalil"] });
    expect(entry.publishedAt?.toISOString()).toBe("2025-07-10T13:20:00.000Z");
    expect(entry.updatedAt?.toISOString()).toBe("2025-07-10T14:05:30.000Z");
  });

  it("gives an entry without author the feed's author and its updated date as published", () => {
    expect(english.authors).toEqual(["قسم الاقتصاد"]);
    expect(english.publishedAt?.toISOString()).toBe("2025-07-10T15:00:00.000Z");
    expect(english.isTeaser).toBe(true);
  });
});

describe("JSON Feed 1.1 in Arabic", () => {
  const feed = parseFeed(fixture("arabic-feed.json"));
  const [first, second] = feed.items;

  it("reads the feed head and normalises ar-EG to ar", () => {
    expect(feed).toMatchObject({ kind: "jsonfeed", title: "رياضة اليوم", language: "ar", direction: "rtl", authors: ["هيئة التحرير"] });
  });

  it("reads content_html, summary, dates, tags, image and non-image attachments", () => {
    expect(first).toMatchObject({
      title: "الأهلي يتأهل إلى نهائي البطولة العربية",
      summary: "فاز الأهلي على منافسه بهدفين دون رد في نصف النهائي.",
      tags: ["كرة القدم", "الأهلي", "البطولة العربية"],
      category: "كرة القدم",
      authors: ["أحمد سمير"],
      images: [{ url: "https://riyada.example/img/ahly-final.jpg" }],
      enclosures: [{ url: "https://riyada.example/video/ahly-goals.mp4", type: "video/mp4", length: 48000000 }],
    });
    expect(first.bodyHtml).toContain('src="https://riyada.example/img/ahly-celebration.jpg"');
    expect(first.updatedAt?.toISOString()).toBe("2025-07-10T19:10:00.000Z");
  });

  it("accepts the 1.0 author object, a numeric id and content_text without a title", () => {
    expect(second).toMatchObject({ guid: "2", authors: ["منى فؤاد"], isTeaser: true });
    expect(second.bodyText).toBe("أعلن الاتحاد المصري لكرة اليد قائمة المنتخب المشاركة في البطولة الدولية الودية.");
    expect(second.title).toBe(second.bodyText);
  });
});

describe("Google News sitemap", () => {
  const feed = parseFeed(fixture("news-sitemap.xml")) as ParsedSitemap;

  it("returns teasers with url, title, publication date, language and keywords", () => {
    expect(feed).toMatchObject({ kind: "sitemap", title: "خَبَرَيْن", language: "ar", direction: "rtl" });
    expect(feed.items).toHaveLength(2);
    expect(feed.items.every((i) => i.isTeaser)).toBe(true);
    expect(feed.items[0]).toMatchObject({
      url: "https://khabarain.example/world/lavrov-rubio-kuala-lumpur",
      title: "اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا",
      tags: ["لافروف", "روبيو", "أوكرانيا", "آسيان"],
    });
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2025-07-11T06:15:00.000Z");
    expect(feed.items[0].updatedAt?.toISOString()).toBe("2025-07-11T06:40:00.000Z");
    expect(feed.items[1].publishedAt?.toISOString()).toBe("2025-07-10T00:00:00.000Z");
  });

  it("reads image:image with its caption", () => {
    expect(feed.items[0].images[0]).toEqual({
      url: "https://khabarain.example/media/2025/07/rubio-lavrov.jpg",
      caption: "يتحدث وزير الخارجية الأمريكي ماركو روبيو مع وزير الخارجية الروسي سيرغي لافروف",
    });
  });

  it("lists a sitemap index's child sitemaps instead of items", () => {
    const index = parseFeed(fixture("sitemap-index.xml")) as ParsedSitemap;
    expect(index.items).toEqual([]);
    expect(index.sitemaps.map((s) => s.url)).toEqual([
      "https://khabarain.example/sitemaps/news.xml",
      "https://khabarain.example/sitemaps/archive-2025-06.xml",
    ]);
    expect(index.sitemaps[0].updatedAt?.toISOString()).toBe("2025-07-11T07:00:00.000Z");
  });
});
