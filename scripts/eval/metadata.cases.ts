/**
 * The corpus cases the metadata scorer reads: page bytes decoded to text, the page URL,
 * and the expected values of each subset, with the subset's own field names mapped to ours.
 */
import iconv from "iconv-lite";
import { readCorpusFile, readCorpusJson } from "./corpus";

export interface MetaCase {
  subset: "readability" | "goose3" | "newspaper4k" | "trafilatura-eval" | "htmldate-eval";
  id: string;
  url: string;
  html: string;
  title?: string;
  authors?: string[];
  /** YYYY-MM-DD */
  date?: string;
  lang?: string;
}

/** Bytes → text by BOM, then the <meta charset> of the first 64 KB, else UTF-8. */
export function decodeHtml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf16le");
  // Saved test pages are often re-encoded to UTF-8 while keeping their old <meta charset>: valid UTF-8 wins.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: fall back to the declared charset
  }
  const head = bytes.subarray(0, 65536).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const charset = m?.[1].toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8" && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  return bytes.toString("utf8");
}

// Indexes name some pages by their stored ".gz" copy; readCorpusFile gunzips when given the original name.
function page(rel: string): string {
  return decodeHtml(readCorpusFile(rel.replace(/\.gz$/, "")));
}

function day(iso: unknown): string | undefined {
  return typeof iso === "string" && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

export function readabilityCases(): MetaCase[] {
  const index = readCorpusJson<{ cases: { id: string; files: Record<string, string> }[] }>("readability/cases.json");
  return index.cases.map((c) => {
    const expected = readCorpusJson<Record<string, string | null>>(`readability/${c.files["expected-metadata.json"]}`);
    return {
      subset: "readability",
      id: c.id,
      url: "http://fakehost/test/page.html",
      html: page(`readability/${c.files["source.html"]}`),
      title: expected.title ?? undefined,
      authors: expected.byline ? [expected.byline] : undefined,
      date: day(expected.publishedTime),
      lang: expected.lang ?? undefined,
    };
  });
}

interface GooseExpected {
  title?: string;
  authors?: string[];
  publish_date?: string;
  meta_lang?: string | null;
}

export function goose3Cases(): MetaCase[] {
  const index = readCorpusJson<{ cases: { id: string; html: string; json: string }[] }>("goose3/cases.json");
  return index.cases.map((c) => {
    const json = readCorpusJson<{ url?: string; expected?: GooseExpected }>(`goose3/${c.json}`);
    const e = json.expected ?? {};
    return {
      subset: "goose3",
      id: c.id,
      url: json.url ?? "http://example.com/article",
      html: page(`goose3/${c.html}`),
      title: c.id.startsWith("content/") || c.id.startsWith("title/") ? e.title : undefined,
      authors: c.id.startsWith("authors/") ? e.authors : undefined,
      date: c.id.startsWith("publishdate/") ? day(e.publish_date) : undefined,
      lang: e.meta_lang || undefined,
    };
  });
}

export function newspaper4kCases(): MetaCase[] {
  const index = readCorpusJson<{ cases: { id: string; html: string; metadata?: string; url?: string }[] }>("newspaper4k/cases.json");
  return index.cases
    .filter((c) => c.metadata)
    .map((c) => {
      const e = readCorpusJson<{ title?: string; authors?: string[]; publish_date?: string; meta_lang?: string }>(`newspaper4k/${c.metadata}`);
      return {
        subset: "newspaper4k",
        id: c.id,
        url: c.url ?? "http://example.com/article",
        html: page(`newspaper4k/${c.html}`),
        title: e.title,
        authors: e.authors,
        date: day(e.publish_date),
        lang: e.meta_lang || undefined,
      };
    });
}

export function trafilaturaCases(): MetaCase[] {
  const data = readCorpusJson<Record<string, { stored_as: string; author?: string; title?: string; date?: string; lang?: string }>>(
    "trafilatura-eval/evaldata.json",
  );
  return Object.entries(data).map(([url, e]) => ({
    subset: "trafilatura-eval",
    id: e.stored_as.replace(/^html\//, "").replace(/\.html(\.gz)?$/, ""),
    url,
    html: page(`trafilatura-eval/${e.stored_as}`),
    title: e.title,
    authors: e.author ? [e.author] : undefined,
    date: day(e.date),
    lang: e.lang,
  }));
}

export function htmldateCases(): MetaCase[] {
  const data = readCorpusJson<Record<string, { stored_as: string; date: string; content_lang?: string }>>("htmldate-eval/eval.json");
  return Object.entries(data).map(([url, e]) => ({
    subset: "htmldate-eval",
    id: e.stored_as.replace(/^html\//, "").replace(/\.html(\.gz)?$/, ""),
    url,
    html: page(`htmldate-eval/${e.stored_as}`),
    date: day(e.date),
    lang: e.content_lang,
  }));
}

export function allCases(): MetaCase[] {
  return [...readabilityCases(), ...goose3Cases(), ...newspaper4kCases(), ...trafilaturaCases(), ...htmldateCases()];
}
