import { readFileSync } from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";

const FIXTURES = path.resolve(__dirname, "../../../fixtures/sources/extract/metadata");

/** A parsed page the way the article extractor hands it over: jsdom 26, no scripts run. */
export function dom(html: string, url = "https://news.example/2024/01/02/story"): Document {
  return new JSDOM(html, { url }).window.document;
}

export function fixture(name: string, url: string): Document {
  return dom(readFileSync(path.join(FIXTURES, name), "utf8"), url);
}

/** A minimal page: `head` and `body` markup inside an html element with the given attributes. */
export function page(head: string, body = "", htmlAttrs = ""): string {
  return `<!DOCTYPE html><html ${htmlAttrs}><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}
