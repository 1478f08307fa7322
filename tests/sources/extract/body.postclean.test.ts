import { postClean } from "../../../src/sources/extract/body.postclean";
import { bodyText } from "../../../src/sources/extract/body.text";
import { parseDocument } from "../../../src/sources/extract/dom";

const PAGE = "https://news.example.com/world/2025/07/11/story";
const PROSE = [
  "Sergei Lavrov and Marco Rubio met again on Friday on the sidelines of the Asean meeting in Kuala Lumpur, officials said on the record.",
  "The talks followed a 50-minute session the day before, after which Rubio spoke of a new and different approach to peace in Ukraine.",
  "Russia's foreign ministry called the exchange substantive and frank, and said Iran and Syria had also been discussed at length.",
  "A new round of bilateral talks could take place before the end of the summer, the deputy foreign minister told reporters.",
];
const p = (t: string): string => `<p>${t}</p>`;

function clean(html: string, titles: string[] = []): { text: string; links: ReturnType<typeof postClean>["inlineLinks"] } {
  const root = parseDocument(`<!DOCTYPE html><html><body><div id="b">${html}</div></body></html>`, PAGE).getElementById("b")!;
  const { inlineLinks } = postClean(root, { titles, base: PAGE, pageUrl: PAGE });
  return { text: bodyText(root), links: inlineLinks };
}

describe("postClean", () => {
  it("drops the repeated headline, the byline and the date line above the story", () => {
    const { text } = clean(`<h2>Lavrov and Rubio meet again</h2><p>By Jane Whitfield</p><p>Updated 5:27 am CST, Wednesday, November 20, 2019</p>${PROSE.map(p).join("")}`, [
      "Lavrov and Rubio meet again | The Meridian",
    ]);
    expect(text).toBe(PROSE.join("\n\n"));
  });

  it("drops a comment policy or disclaimer closing the page, even above empty wrappers, in Arabic and English", () => {
    const ar = "ترحب الشبكة بالنقاش الحيوي، وكي لا نضطر إلى مراجعة التعليقات قبل نشرها ننصحك بمراجعة إرشادات الاستخدام.";
    const arNote = "الآراء الواردة أدناه لا تعبر عن رأي الموقع، بل تعكس وجهات نظر أصحابها فقط.";
    const en = "The views expressed in the comments below do not reflect the views of The Meridian.";
    const { text } = clean(`${PROSE.map(p).join("")}<div>${p(ar)}</div>${p(arNote)}${p(en)}<div><p></p></div><div><p></p></div>`);
    expect(text).toBe(PROSE.join("\n\n"));
  });

  it("keeps a closing paragraph of the story that quotes views not reflecting a government's", () => {
    const last = "The ministry said the remarks did not reflect the government's position on the talks.";
    expect(clean(`${PROSE.map(p).join("")}${p(last)}`).text.endsWith(last)).toBe(true);
  });

  it("keeps a first paragraph that only begins with 'By'", () => {
    const first = "By the time the ministers arrived, the communique had already been agreed by their deputies overnight.";
    expect(clean(`${p(first)}${PROSE.map(p).join("")}`).text.startsWith(first)).toBe(true);
  });

  it("turns a paragraph that is a single link to another story of the site into a see-also link", () => {
    const { text, links } = clean(`${p(PROSE[0])}${p(PROSE[1])}<p><strong><a href="/world/2025/07/10/trump-putin-call">TRUMP AND PUTIN SPEAK BY PHONE</a></strong></p>${p(PROSE[2])}${p(PROSE[3])}`);
    expect(links).toEqual([{ url: "https://news.example.com/world/2025/07/10/trump-putin-call", title: "TRUMP AND PUTIN SPEAK BY PHONE" }]);
    expect(text).toBe(PROSE.join("\n\n"));
  });

  it("removes gallery controls, credit-only lines and tag lines", () => {
    const { text } = clean(
      `${p(PROSE[0])}<div><span>Image</span> <span>1</span> <span>of</span> <span>9</span></div><p>Photo: Hau Dinh, AP</p>${p(PROSE[1])}${p(PROSE[2])}${p(PROSE[3])}<p>Tags: <a href="/t/russia">Russia</a>, <a href="/t/us">US</a>, <a href="/t/asean">Asean</a></p>`,
    );
    expect(text).toBe(PROSE.join("\n\n"));
  });

  it("removes author contact and newsletter lines at the end but not in the middle", () => {
    const middle = "Subscribers to the ministry's channel were told to expect a statement later, an official said on Friday.";
    const { text } = clean(`${PROSE.map(p).join("")}${p(middle)}${p(PROSE[0])}<p>Have a tip? Jane Whitfield may be reached at jwhitfield@example.com. Follow her on Twitter @jwhit.</p>`);
    expect(text).toBe([...PROSE, middle, PROSE[0]].join("\n\n"));
  });
});
