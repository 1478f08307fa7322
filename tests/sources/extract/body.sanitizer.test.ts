import { sanitizeBody } from "../../../src/sources/extract/body.sanitizer";
import { parseDocument } from "../../../src/sources/extract/dom";

const PAGE = "https://news.example.com/world/2025/story.html";

function clean(html: string): string {
  const doc = parseDocument(`<!DOCTYPE html><html><body><div id="b">${html}</div></body></html>`, PAGE);
  return sanitizeBody(doc.getElementById("b")!, PAGE);
}

describe("sanitizeBody", () => {
  it("drops scripts, styles, event handlers, classes and inline styles", () => {
    const out = clean(`<p class="lead" style="color:red" onclick="steal()">Text<script>alert(1)</script><style>p{}</style></p>`);
    expect(out).toBe("<p>Text</p>");
  });

  it("removes javascript: links but keeps the link text", () => {
    expect(clean(`<p><a href="javascript:alert(1)">click</a> and <a href="JaVaScRiPt:void(0)">more</a></p>`)).toBe("<p><a>click</a> and <a>more</a></p>");
  });

  it("makes links and pictures absolute, promoting lazy data-src to src", () => {
    const out = clean(`<p><a href="../other.html">other</a></p><img src="/blank.gif" data-src="/photos/a.jpg" data-srcset="/photos/a-600.jpg 600w, /photos/a.jpg 1200w" alt="A">`);
    expect(out).toContain('<a href="https://news.example.com/world/other.html" rel="noopener noreferrer nofollow">other</a>');
    expect(out).toContain('src="https://news.example.com/photos/a.jpg"');
    expect(out).toContain('srcset="https://news.example.com/photos/a-600.jpg 600w, https://news.example.com/photos/a.jpg 1200w"');
  });

  it("keeps iframes only from video hosts", () => {
    const out = clean(`<iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://ads.example.net/frame"></iframe>`);
    expect(out).toContain('src="https://www.youtube.com/embed/abc"');
    expect(out).not.toContain("ads.example.net");
  });

  it("keeps inline raster pictures but not SVG or HTML data: URLs", () => {
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const out = clean(`<img src="${png}" alt="dot"><img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="svg"><a href="data:text/html,<script>x</script>">x</a>`);
    expect(out).toContain(png);
    expect(out).not.toContain("svg+xml");
    expect(out).not.toContain("text/html");
  });

  it("turns a stray h1 into h2 and keeps dir/lang for mixed-direction text", () => {
    expect(clean(`<h1>Title</h1><p dir="ltr" lang="en">RSF</p>`)).toBe(`<h2>Title</h2><p dir="ltr" lang="en">RSF</p>`);
  });
});
