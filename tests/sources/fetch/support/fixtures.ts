import { readFileSync } from "node:fs";
import path from "node:path";

const DIR = path.resolve(__dirname, "../../../fixtures/sources/fetch");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(DIR, name));
}

/** The <body>…</body> of a page or the <channel>…</channel> of a feed: the part every encoding variant shares. */
export function sharedPart(text: string): string {
  const match = /<body>[\s\S]*<\/body>|<channel>[\s\S]*<\/channel>/.exec(text);
  if (!match) throw new Error(`no <body> or <channel> in: ${text.slice(0, 80)}`);
  return match[0];
}

export const ARTICLE_BODY = sharedPart(fixture("article.utf-8.html").toString("utf8"));
export const FEED_CHANNEL = sharedPart(fixture("feed.utf-8.xml").toString("utf8"));
export const ENGLISH = fixture("english.utf-8.undeclared.html").toString("utf8");
