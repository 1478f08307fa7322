import { parseDocument } from "../../../src/sources/extract/dom";
import { takeSeeAlso } from "../../../src/sources/extract/see-also.extractor";

const PAGE = "https://news.example.com/world/2025/07/11/story";

function run(bodyHtml: string): { links: ReturnType<typeof takeSeeAlso>; left: string } {
  const doc = parseDocument(`<!DOCTYPE html><html><body><div id="body">${bodyHtml}</div></body></html>`, PAGE);
  const root = doc.getElementById("body")!;
  const links = takeSeeAlso(root, PAGE);
  const left = Array.from(root.children).map((c) => c.textContent!.replace(/\s+/g, " ").trim());
  return { links, left: left.join(" ") };
}

describe("takeSeeAlso", () => {
  it.each([
    "شاهد ايضاً:",
    "شاهد أيضا",
    "اقرأ أيضاً:",
    "اقرأ ايضا",
    "إقرأ أيضاً:",
    "Read more:",
    "Read also:",
    "See also:",
    "Related:",
    "More:",
    "SEE MORE:",
  ])("takes a %p line with its link out of the body", (label) => {
    const { links, left } = run(`<p>First paragraph.</p><p><strong>${label}</strong> <a href="/world/other-story">Other story title</a></p><p>Last paragraph.</p>`);
    expect(links).toEqual([{ url: "https://news.example.com/world/other-story", title: "Other story title" }]);
    expect(left).toBe("First paragraph. Last paragraph.");
  });

  it("keeps a paragraph that merely starts with the label words but is prose", () => {
    const body = `<p>Read more about the <a href="/x">summit</a> in our coverage of how ministers argued for hours over the wording of the final communique.</p>`;
    const { links, left } = run(body);
    expect(links).toEqual([]);
    expect(left).toContain("ministers argued for hours");
  });

  it("does not treat 'More than…' sentences as a see-also line", () => {
    const { links } = run(`<p>More than <a href="/x">40 people</a> were hurt.</p>`);
    expect(links).toEqual([]);
  });

  it("takes a bare label together with the list of links after it", () => {
    const { links, left } = run(`<p>Body.</p><p>Read more:</p><ul><li><a href="/a">Story A about talks</a></li><li><a href="/b">Story B about tariffs</a></li></ul>`);
    expect(links.map((l) => l.title)).toEqual(["Story A about talks", "Story B about tariffs"]);
    expect(left).toBe("Body.");
  });

  it("returns each link of a line with several, once each", () => {
    const { links } = run(`<p>See also: <a href="/a">First</a> | <a href="/b">Second</a></p><p>See also: <a href="/a">First</a></p>`);
    expect(links.map((l) => l.url)).toEqual(["https://news.example.com/a", "https://news.example.com/b"]);
  });
});
