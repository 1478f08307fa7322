import { parseDocument } from "../../../src/sources/extract/dom";
import { dedupeImages, imageKey, takeFigures, wrapStrayCaptions } from "../../../src/sources/extract/figures.extractor";

const PAGE = "https://news.example.com/world/story";

function body(html: string): Element {
  return parseDocument(`<!DOCTYPE html><html><body><div id="b">${html}</div></body></html>`, PAGE).getElementById("b")!;
}

describe("takeFigures", () => {
  it("splits a credit marked up inside the figcaption from the caption text", () => {
    const root = body(`<figure><img src="/a.jpg" alt="Ministers"><figcaption><span class="caption">Ministers pose in Kuala Lumpur.</span> <span class="credit">Photograph: Vincent Thian/AP</span></figcaption></figure>`);
    expect(takeFigures(root, PAGE)).toEqual([
      { url: "https://news.example.com/a.jpg", alt: "Ministers", caption: "Ministers pose in Kuala Lumpur.", credit: "Vincent Thian/AP" },
    ]);
  });

  it("takes spacers, tracking pixels and ad markers out of the body, keeping real pictures", () => {
    const root = body(`<p>Story.</p><p><img src="/.element/img/misc/advertisement.gif" width="42" height="5"></p><img src="/t/pixel.gif"><img src="/x.gif" width="1" height="1"><figure><img src="/photo.jpg" width="640"></figure>`);
    expect(takeFigures(root, PAGE).map((i) => i.url)).toEqual(["https://news.example.com/photo.jpg"]);
    expect(Array.from(root.querySelectorAll("img")).map((i) => i.getAttribute("src"))).toEqual(["/photo.jpg"]);
  });

  it("reads <small> and <cite> credits, and credits written in the caption text", () => {
    const root = body(
      `<figure><img src="/b.jpg"><figcaption>Lavrov arrives <small>(رويترز)</small></figcaption></figure>` +
        `<figure><img src="/c.jpg"><figcaption>Rubio speaks <cite>Getty Images</cite></figcaption></figure>` +
        `<figure><img src="/d.jpg"><figcaption>صورة جماعية للوزراء [حسنور حسين/وكالة الأنباء الأوروبية].</figcaption></figure>`,
    );
    expect(takeFigures(root, PAGE).map(({ caption, credit }) => ({ caption, credit }))).toEqual([
      { caption: "Lavrov arrives", credit: "رويترز" },
      { caption: "Rubio speaks", credit: "Getty Images" },
      { caption: "صورة جماعية للوزراء.", credit: "حسنور حسين/وكالة الأنباء الأوروبية" },
    ]);
  });

  it("resolves lazy-loaded pictures to their real file instead of the placeholder", () => {
    const root = body(`<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real.jpg" alt="x"></figure><img src="/static/blank.gif" data-lazy-src="https://cdn.example.com/other.jpg">`);
    expect(takeFigures(root, PAGE).map((i) => i.url)).toEqual(["https://news.example.com/real.jpg", "https://cdn.example.com/other.jpg"]);
  });

  it("skips icons, avatars and logos", () => {
    const root = body(`<img src="/icons/share.png" width="16" height="16"><img src="/authors/avatar-jane.jpg"><img class="site-logo" src="/brand.png"><img src="/story.jpg">`);
    expect(takeFigures(root, PAGE).map((i) => i.url)).toEqual(["https://news.example.com/story.jpg"]);
  });

  it("folds a caption block sitting under a bare picture into a figure, so it leaves the text", () => {
    const root = body(`<div class="image"><div class="media"><img src="/e.jpg" alt=""></div><div class="caption"><p><span>Vicente Aguiar loads trims into his truck.</span><span> (AP Photo/Alan Diaz, File)</span></p></div></div><p>Story text.</p>`);
    wrapStrayCaptions(root);
    expect(root.querySelector("figure > figcaption")?.textContent).toContain("Vicente Aguiar");
    expect(takeFigures(root, PAGE)).toEqual([
      { url: "https://news.example.com/e.jpg", caption: "Vicente Aguiar loads trims into his truck.", credit: "AP Photo/Alan Diaz, File" },
    ]);
  });
});

describe("dedupeImages", () => {
  it("keeps one entry per picture across sizes, keeping the first position and filling missing fields", () => {
    const images = dedupeImages([
      { url: "https://cdn.example.com/img/590x/protest-1206313.jpg?r=1" },
      { url: "https://cdn.example.com/img/other.jpg" },
      { url: "https://cdn.example.com/img/285x190/protest-1206313.jpg", caption: "Protesters" },
      { url: "https://cdn.example.com/wp/photo-1024x768.jpg" },
      { url: "https://cdn.example.com/wp/photo.jpg", credit: "AFP" },
    ]);
    expect(images).toEqual([
      { url: "https://cdn.example.com/img/590x/protest-1206313.jpg?r=1", caption: "Protesters" },
      { url: "https://cdn.example.com/img/other.jpg" },
      { url: "https://cdn.example.com/wp/photo-1024x768.jpg", credit: "AFP" },
    ]);
  });

  it("keeps different pictures that share a file name in different folders apart", () => {
    expect(imageKey("https://cdn.example.com/a1/original.jpg")).not.toBe(imageKey("https://cdn.example.com/b2/original.jpg"));
  });
});
