import { extractMetadata } from "../../../../src/sources/extract/metadata";
import { dom, page } from "./helpers";

const titleOf = (head: string, body = "", url = "https://www.example.com/2024/01/02/story") => extractMetadata(dom(page(head, body), url), url).title;

describe("title without site-name decorations", () => {
  it("strips a suffix that og:site_name names", () => {
    expect(titleOf('<title>Apple unveils a new chip | TechCrunch</title><meta property="og:site_name" content="TechCrunch">')).toBe("Apple unveils a new chip");
  });

  it("strips a suffix that the domain names when the page names no site", () => {
    expect(titleOf("<title>Obama admits gun laws are his biggest frustration - BBC News</title>", "", "https://www.bbc.co.uk/news/world-123")).toBe(
      "Obama admits gun laws are his biggest frustration",
    );
    expect(titleOf("<title>Thousands of academics treated as second-class – The Guardian</title>", "", "https://www.theguardian.com/education/x")).toBe(
      "Thousands of academics treated as second-class",
    );
  });

  it("strips a site-name prefix written with a colon", () => {
    expect(titleOf('<title>Daily Ledger: Storm batters coast</title><meta property="og:site_name" content="Daily Ledger">')).toBe("Storm batters coast");
  });

  it("strips an Arabic site name after a pipe", () => {
    expect(titleOf('<title>خبر عاجل عن الانتخابات | الجزيرة نت</title><meta property="og:site_name" content="الجزيرة نت">')).toBe("خبر عاجل عن الانتخابات");
  });

  it("learns the decoration by comparing <title> with the <h1>, without knowing the site", () => {
    expect(titleOf("<title>Rolling blackouts stump experts - The Evening Courier</title>", "<h1>Rolling blackouts stump experts</h1>")).toBe(
      "Rolling blackouts stump experts",
    );
  });

  it("keeps a colon that belongs to the headline", () => {
    expect(titleOf('<title>Zimbabwe coup: Mugabe insists he finishes his term</title><meta property="og:site_name" content="The Telegraph">', "", "https://www.telegraph.co.uk/x")).toBe(
      "Zimbabwe coup: Mugabe insists he finishes his term",
    );
  });

  it("does not strip a headline segment that merely mentions the site", () => {
    expect(titleOf("<title>BBC admits error over election graphic - BBC News</title>", "", "https://www.bbc.co.uk/news/1")).toBe("BBC admits error over election graphic");
  });

  it("does not take a blog-name <h1> for the headline", () => {
    const head = '<title>Silicon Exposed: Open Verilog flow for GreenPak4 devices</title><meta property="og:title" content="Open Verilog flow for GreenPak4 devices">';
    expect(titleOf(head, "<h1>Silicon Exposed</h1>")).toBe("Open Verilog flow for GreenPak4 devices");
  });

  it("takes a logo <h1> that links to the home page for the site's name, not a headline", () => {
    const body = '<h1><a href="/">V8</a></h1><h1 itemprop="headline">Outside the web: standalone binaries</h1>';
    expect(titleOf("<title>Outside the web: standalone binaries · V8</title>", body, "https://v8.dev/blog/standalone")).toBe("Outside the web: standalone binaries");
  });

  it("keeps an <h1> whose link goes to the article rather than the home page", () => {
    const body = '<h1><a href="/blog/standalone">Outside the web: standalone binaries</a></h1>';
    expect(titleOf("<title>Outside the web: standalone binaries · V8</title>", body, "https://v8.dev/blog/standalone")).toBe("Outside the web: standalone binaries");
  });

  it("ignores a JSON-LD headline cut at 110 characters in favour of the full one", () => {
    const long = "Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader Carrie Lam";
    const ld = { "@type": "NewsArticle", headline: `${long.slice(0, 100)}...` };
    const head = `<script type="application/ld+json">${JSON.stringify(ld)}</script><meta property="og:title" content="Carrie Lam should study Tsai’s playbook"><title>${long} | South China Morning Post</title>`;
    expect(titleOf(head, `<h1>${long}</h1>`)).toBe(long);
  });

  it("counts one meta tag naming og:title and twitter:title as a single vote", () => {
    const head = '<meta property="dc:title" content="Preferred title"><meta property="og:title twitter:title" content="A title"><title>Title Element</title>';
    expect(titleOf(head, "<h1>Test document title</h1>")).toBe("Preferred title");
  });

  it("prefers the og:title group when as many signals back another headline", () => {
    const head = '<meta property="og:title" content="Plan for the future in California"><meta name="twitter:title" content="The wildfires are a warning">' +
      '<meta name="title" content="The wildfires are a warning"><title>Plan for the future in California - Daily Ledger</title><meta property="og:site_name" content="Daily Ledger">';
    expect(titleOf(head, "<h1>The wildfires are a warning</h1>")).toBe("Plan for the future in California");
  });

  it("returns no title for a <title> that is only a separator and the site name", () => {
    expect(titleOf('<title> | Some Title</title><meta property="og:site_name" content="Some Title">')).toBeUndefined();
  });

  it("keeps a title that is nothing but the site name", () => {
    expect(titleOf('<title>Pradhvan</title><meta property="og:site_name" content="Pradhvan"><meta property="og:title" content="Pradhvan">')).toBe("Pradhvan");
  });
});
