import { parseDocument } from "../../../src/sources/extract/dom";
import { takeRelated } from "../../../src/sources/extract/related.extractor";

const PAGE = "https://news.example.com/world/2025/07/11/story";
const PROSE = "<p>" + "The ministers met for fifty minutes on the sidelines of the summit and discussed the war. ".repeat(4) + "</p>";

function run(bodyHtml: string): { related: ReturnType<typeof takeRelated>; left: string } {
  const doc = parseDocument(`<!DOCTYPE html><html><body><main><article><h1>Story</h1>${PROSE}${PROSE}${PROSE}</article>${bodyHtml}</main></body></html>`, PAGE);
  const related = takeRelated(doc, PAGE, PAGE);
  return { related, left: doc.body.textContent!.replace(/\s+/g, " ") };
}

const card = (slug: string, title: string, extra = ""): string =>
  `<div class="card"><a href="/world/${slug}"><span>Loading...</span><img src="/img/${slug}.jpg" alt="Photo for ${slug}"></a><h3><a href="/world/${slug}">${title}</a></h3>${extra}</div>`;

describe("takeRelated", () => {
  it("reads title, teaser, category and picture of each card under an Arabic heading, and removes the block", () => {
    const { related, left } = run(
      `<section><h2>أخبار ذات صلة</h2>${card("a", "ترامب يتعهد بفرض المزيد من العقوبات", '<p class="teaser">في خضم تصاعد التوترات الاقتصادية يهدد الرئيس بفرض عقوبات.</p><a class="category" href="/world">العالم</a>')}${card("b", "الرئيس الفرنسي يصل إلى مايوت بعد الإعصار", '<p class="teaser">بعد إعصار مدمر وصل الرئيس الفرنسي إلى الجزيرة المنكوبة.</p><a class="category" href="/world">العالم</a>')}</section>`,
    );
    expect(related).toEqual([
      {
        url: "https://news.example.com/world/a",
        title: "ترامب يتعهد بفرض المزيد من العقوبات",
        teaser: "في خضم تصاعد التوترات الاقتصادية يهدد الرئيس بفرض عقوبات.",
        category: "العالم",
        imageUrl: "https://news.example.com/img/a.jpg",
        imageAlt: "Photo for a",
      },
      {
        url: "https://news.example.com/world/b",
        title: "الرئيس الفرنسي يصل إلى مايوت بعد الإعصار",
        teaser: "بعد إعصار مدمر وصل الرئيس الفرنسي إلى الجزيرة المنكوبة.",
        category: "العالم",
        imageUrl: "https://news.example.com/img/b.jpg",
        imageAlt: "Photo for b",
      },
    ]);
    expect(left).not.toContain("أخبار ذات صلة");
  });

  it("finds an unlabelled block by its related-stories class", () => {
    const { related } = run(`<aside class="related-articles">${card("c", "Rubio meets Wang Yi in Kuala Lumpur")}${card("d", "Asean ministers gather under tariff shadow")}</aside>`);
    expect(related.map((r) => r.title)).toEqual(["Rubio meets Wang Yi in Kuala Lumpur", "Asean ministers gather under tariff shadow"]);
  });

  it("removes a most-read list without returning it as related to the story", () => {
    const { related, left } = run(`<div><h2>Most viewed</h2><ol><li><a href="/uk/heatwave">Amber heat alert issued across England</a></li><li><a href="/sport/final">Wimbledon semi-final goes to a fifth set</a></li></ol></div>`);
    expect(related).toEqual([]);
    expect(left).not.toContain("Amber heat alert");
  });

  it("leaves story paragraphs that happen to hold links and a 'related' word alone", () => {
    const body = `<section><h2>Related</h2><p>Officials said the talks, <a href="/world/earlier-talks">which began last week in Geneva</a>, would resume. ${"They gave no date for the next round of negotiations between the two delegations. ".repeat(3)}</p></section>`;
    const { related, left } = run(body);
    expect(related).toEqual([]);
    expect(left).toContain("They gave no date");
  });
});
