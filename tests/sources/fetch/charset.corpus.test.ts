import { readdirSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { decodeBody } from "../../../src/sources/fetch";
import { decodeWith, resolveLabel } from "../../../src/sources/fetch/charset.labels";
import { corpusDir, corpusEnabled, readCorpusFile, readCorpusJson } from "../../support/corpus";

interface FeedparserCase {
  path: string;
  headers?: string[];
  expect: string;
}

// The corpus is part of the suite; only CI without the shared folder sets KHABAR_SKIP_CORPUS=1.
const suite = corpusEnabled ? describe : describe.skip;

function headerOf(c: FeedparserCase): string | undefined {
  for (const header of c.headers ?? []) {
    const m = /^content-type:\s*(.*)$/i.exec(header);
    if (m) return m[1];
  }
  return undefined;
}

suite("feedparser's encoding cases", () => {
  // Suite bodies run even when skipped, so nothing is read unless the corpus is there.
  const all = corpusEnabled ? readCorpusJson<{ cases: FeedparserCase[] }>("feedparser/cases.json").cases : [];
  const cases = all.filter(
    (c) => c.path.startsWith("encoding/") || c.path.startsWith("illformed/chardet/"),
  );
  const withEncoding = cases.filter((c) => /encoding == '[^']+'/.test(c.expect));

  it("has the encoding cases to check", () => {
    expect(withEncoding.length).toBeGreaterThanOrEqual(50);
  });

  // Where feedparser follows RFC 3023 (text/xml without charset means us-ascii) we follow today's web
  // (UTF-8); the bodies are ASCII, so the decoded text is what both sides must agree on.
  it.each(withEncoding.map((c) => [c.path, c] as const))("decodes %s as feedparser expects", (_path, c) => {
    const bytes = readCorpusFile(`feedparser/${c.path}`);
    const expected = resolveLabel(/encoding == '([^']+)'/.exec(c.expect)?.[1]);
    expect(expected).toBeDefined();
    const out = decodeBody(bytes, headerOf(c));
    expect(out.text).toBe(decodeWith(expected as string, bytes).replace(/^\ufeff/, ""));
  });

  it("names the same encoding as feedparser outside the RFC 3023 text/* defaults", () => {
    const strict = withEncoding.filter((c) => !/^text\/[\w+.-]+\s*(;\s*(qs=[\d.]+|charset:[\w-]+)?\s*)?$/i.test(headerOf(c) ?? ""));
    const agree = strict.filter((c) => {
      const expected = resolveLabel(/encoding == '([^']+)'/.exec(c.expect)?.[1]);
      const actual = decodeBody(readCorpusFile(`feedparser/${c.path}`), headerOf(c)).charset;
      // WHATWG decodes gbk (gb2312's canonical name) with the gb18030 decoder, as feedparser does.
      const family = (name: string | undefined) => (name === "gbk" ? "gb18030" : name);
      return family(actual) === family(expected);
    });
    expect(agree.map((c) => c.path)).toEqual(strict.map((c) => c.path));
  });

  it.each([
    ["encoding/http_text_xml_charset_2.xml", "text/xml; charset=windows-1252", "This is a £“test.”"],
    ["encoding/euc-kr-item.xml", undefined, "<description>년</description>"],
    ["encoding/euc-kr-attribute.xml", undefined, "년"],
    ["illformed/chardet/koi8r.xml", undefined, "Наверное, единственное"],
    ["illformed/chardet/tis620.xml", undefined, "ซอฟต์แวร์แห่งชาติ"],
  ])("reads the text of %s", (path, header, snippet) => {
    expect(decodeBody(readCorpusFile(`feedparser/${path}`), header).text).toContain(snippet);
  });
});

suite("Arabic news pages re-encoded without a declaration", () => {
  const evalIndex = corpusEnabled ? readCorpusJson<Record<string, { stored_as: string; content_lang: string }>>("htmldate-eval/eval.json") : {};
  const pages = [
    ...Object.values(evalIndex)
      .filter((e) => e.content_lang === "ar" || e.content_lang === "fa")
      .map((e) => `htmldate-eval/${e.stored_as}`),
    "goose3/content/test_cnn_arabic.html",
  ];
  const undeclared = (rel: string) => readCorpusFile(rel).toString("utf8").replace(/<meta[^>]*charset[^>]*>/gi, "");

  it("has the Arabic and Persian pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(7);
  });

  it.each(pages.flatMap((rel) => [[rel, "windows-1256"] as const, [rel, "iso-8859-6"] as const]))(
    "detects %s in %s and decodes it exactly",
    (rel, encoding) => {
      const bytes = iconv.encode(undeclared(rel), encoding);
      const out = decodeBody(bytes, "text/html");
      expect(out).toMatchObject({ charset: encoding, charsetSource: "sniff" });
      expect(out.text).toBe(iconv.decode(bytes, encoding));
    },
  );

  it.each(pages)("decodes the original UTF-8 of %s as UTF-8 even behind a latin1 header", (rel) => {
    const bytes = readCorpusFile(rel);
    const out = decodeBody(bytes, "text/html; charset=iso-8859-1");
    expect(out.charset).toBe("utf-8");
    expect(out.text).toBe(bytes.toString("utf8"));
  });
});

suite("Latin-script pages re-encoded as undeclared windows-1252", () => {
  // Every corpus page whose text windows-1252 can hold exactly and that has non-ASCII letters.
  const candidates = !corpusEnabled ? [] : [
    ...readdirSync(path.join(corpusDir(), "readability")).map((c) => `readability/${c}/source.html`),
    ...readdirSync(path.join(corpusDir(), "goose3/content"))
      .filter((f) => /\.html(\.gz)?$/.test(f))
      .map((f) => `goose3/content/${f.replace(/\.gz$/, "")}`),
  ];
  const pages: [string, string][] = [];
  for (const rel of candidates) {
    let source: string;
    try {
      source = readCorpusFile(rel).toString("utf8").replace(/<meta[^>]*charset[^>]*>/gi, "");
    } catch {
      continue;
    }
    const bytes = iconv.encode(source, "windows-1252");
    if (iconv.decode(bytes, "windows-1252") === source && bytes.some((b) => b >= 0x80)) pages.push([rel, source]);
  }

  it("has enough such pages to mean something", () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
  });

  it.each(pages)("reads %s back exactly and never as Arabic", (_rel, source) => {
    const out = decodeBody(iconv.encode(source, "windows-1252"), "text/html");
    expect(out.charset).not.toMatch(/1256|8859-6/);
    expect(out.text).toBe(source);
  });
});
