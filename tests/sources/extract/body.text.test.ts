import { bodyText } from "../../../src/sources/extract/body.text";
import { parseDocument } from "../../../src/sources/extract/dom";

function text(html: string): string {
  const doc = parseDocument(`<!DOCTYPE html><html><body><div id="b">${html}</div></body></html>`, "https://example.com/");
  return bodyText(doc.getElementById("b")!);
}

describe("bodyText", () => {
  it("separates paragraphs and headings by a blank line and collapses whitespace", () => {
    expect(text(`<p>First   line\n of text.</p><h2>Sub  heading</h2><div>Second <b>para</b>.</div>`)).toBe("First line of text.\n\nSub heading\n\nSecond para.");
  });

  it("keeps <br> as a line break inside a paragraph", () => {
    expect(text(`<p>Line one<br>Line two</p>`)).toBe("Line one\nLine two");
  });

  it("gives each list item its own paragraph", () => {
    expect(text(`<ul><li>eight Asean members;</li><li>Japan and South Korea.</li></ul>`)).toBe("eight Asean members;\n\nJapan and South Korea.");
  });

  it("leaves figures and their captions out", () => {
    expect(text(`<p>Before.</p><figure><img src="a.jpg" alt="alt"><figcaption>Caption [Credit/Agency]</figcaption></figure><p>After.</p>`)).toBe("Before.\n\nAfter.");
  });

  it("puts table rows on their own paragraphs with cells apart", () => {
    expect(text(`<table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr><tr><td>2</td><td>Martin Truex Jr.</td><td>5035</td></tr></table>`)).toBe(
      "1 Kyle Busch 5040\n\n2 Martin Truex Jr. 5035",
    );
  });
});
