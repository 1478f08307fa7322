import { extractMetadata } from "../../../../src/sources/extract/metadata";
import { dom, fixture, page } from "./helpers";

const ARABIC = "<p>استقبل الرئيس المكلف سعد الحريري في بيت الوسط وفداً فرنسياً رفيع المستوى، وجرى البحث في المبادرة الفرنسية وتشكيل الحكومة الجديدة في أسرع وقت ممكن وفق المصادر.</p>".repeat(2);
const PERSIAN = "<p>سازمان بورس اعلام کرد که در سه ماه گذشته پنجاه هزار میلیارد تومان نقدینگی جدید وارد بازار سرمایه شده است و این روند همچنان ادامه دارد.</p>".repeat(2);
const ENGLISH = "<p>A powerful storm pushed ashore along the Gulf coast on Thursday, forcing thousands of residents to leave their homes as officials warned of flooding in the low-lying neighbourhoods.</p>".repeat(2);
const langOf = (html: string) => {
  const m = extractMetadata(dom(html), "https://news.example/story");
  return { language: m.language, direction: m.direction };
};

describe("language and direction", () => {
  it("trusts <html lang> when the text is written in its script", () => {
    expect(langOf(page("", ARABIC, 'lang="ar-EG"'))).toEqual({ language: "ar", direction: "rtl" });
    expect(langOf(page("", ENGLISH, 'lang="en-GB"'))).toEqual({ language: "en", direction: "ltr" });
  });

  it("overrides a declared English when the visible text is Arabic", () => {
    const url = "https://www.beirut.example/2020/11/2338761/";
    const m = extractMetadata(fixture("ar-declared-english.html", url), url);
    expect(m.language).toBe("ar");
    expect(m.direction).toBe("rtl");
  });

  it("tells Persian from Arabic by the letters Arabic does not use", () => {
    expect(langOf(page("", PERSIAN, 'lang="en"'))).toEqual({ language: "fa", direction: "rtl" });
    expect(langOf(page("", PERSIAN))).toEqual({ language: "fa", direction: "rtl" });
  });

  it("reads og:locale and JSON-LD inLanguage when <html> declares nothing", () => {
    expect(langOf(page('<meta property="og:locale" content="ar_AR">', ARABIC)).language).toBe("ar");
    expect(langOf(page('<script type="application/ld+json">{"@type":"NewsArticle","inLanguage":"en-US"}</script>', ENGLISH)).language).toBe("en");
  });

  it("reads an English page that declares Arabic as English", () => {
    expect(langOf(page("", ENGLISH, 'lang="ar"'))).toEqual({ language: "en", direction: "ltr" });
  });

  it("keeps the declared dir of a right-to-left page whose text is Latin", () => {
    expect(langOf(page("", "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>", 'dir="rtl"')).direction).toBe("rtl");
  });

  it("names the language of other scripts", () => {
    const ru = "<p>Министр иностранных дел России Сергей Лавров встретился с государственным секретарём США Марко Рубио в Куала-Лумпуре.</p>".repeat(2);
    const ja = "<p>トレンドマイクロは公衆無線LANを安全に使うためのアプリを発表しました。利用者は月額料金で保護を受けられます。</p>".repeat(3);
    expect(langOf(page("", ru, 'lang="en"')).language).toBe("ru");
    expect(langOf(page("", ja, 'lang="en"')).language).toBe("ja");
  });
});
