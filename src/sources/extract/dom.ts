import type * as Jsdom from "jsdom";
import { ExtractError, describeReceived } from "./errors";

/** Which DOM implementation parses the page; metadata.ts must read the same one. */
export type DomEngine = "jsdom" | "linkedom";

export const DEFAULT_DOM_ENGINE: DomEngine = "jsdom";

/** Parses a page without running scripts or loading resources; the URL becomes the document URL. */
export function parseDocument(html: string, pageUrl: string, engine: DomEngine = DEFAULT_DOM_ENGINE): Document {
  if (typeof html !== "string") {
    throw new ExtractError("EXTRACT_BAD_INPUT", `extract.dom: expected the page HTML as a string, got ${describeReceived(html)}`);
  }
  assertAbsoluteUrl(pageUrl);
  if (engine === "linkedom") return parseWithLinkedom(html);
  // Required on first use, like linkedom below: ~50 MB resident that a worker reading only feeds never needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM, VirtualConsole } = require("jsdom") as typeof Jsdom;
  // A silent console: broken stylesheets on real pages are noise, not errors.
  return new JSDOM(html, { url: pageUrl, virtualConsole: new VirtualConsole() }).window.document;
}

export function assertAbsoluteUrl(pageUrl: string): void {
  if (typeof pageUrl !== "string" || !URL.canParse(pageUrl)) {
    throw new ExtractError("EXTRACT_BAD_URL", `extract.dom: expected an absolute page URL, got ${describeReceived(pageUrl)}`);
  }
}

/** The base for relative links: the first <base href>, resolved against the page URL. */
export function documentBase(doc: Document, pageUrl: string): string {
  const href = doc.querySelector("base[href]")?.getAttribute("href")?.trim();
  if (!href) return pageUrl;
  return URL.canParse(href, pageUrl) ? new URL(href, pageUrl).href : pageUrl;
}

/** Resolves a link against the base; undefined for empty or unparsable values. */
export function absoluteUrl(raw: string | null | undefined, base: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

/** A deep copy in a fresh document, so Readability and the cleaners can mutate freely. */
export function cloneDocument(doc: Document): Document {
  return doc.cloneNode(true) as Document;
}

/** Loaded on demand: linkedom pulls ESM-only dependencies that jest's CommonJS runtime cannot load. */
function parseWithLinkedom(html: string): Document {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseHTML } = require("linkedom") as { parseHTML: (markup: string) => { document: unknown } };
  return parseHTML(html).document as unknown as Document;
}
