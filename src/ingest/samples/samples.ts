import { readFileSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";
import type { DataSource } from "typeorm";

interface SampleArticle {
  id: string;
  sourceId: string;
  language: string;
  url: string;
  publishedAt: string;
  title: string;
  summary: string;
  body: string[];
}

type Format = "rss" | "atom" | "json";

const DIR = __dirname;
const ARTICLES: SampleArticle[] = JSON.parse(readFileSync(path.join(DIR, "articles.json"), "utf8"));
const SEED_PAGE = "khabarain-lavrov-rubio.html";

// A mix of formats, so a fresh install exercises every parser.
const FORMATS: Record<string, Format> = { globewire: "atom", "northstar-news": "json", "world-report": "atom", "metro-times": "json" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const html = (a: SampleArticle) => a.body.map((p) => `<p>${esc(p)}</p>`).join("\n");

function rss(source: string, items: SampleArticle[]): string {
  const lang = items[0]?.language ?? "en";
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${esc(source)}</title><link>https://${source}.example/</link><language>${lang}</language><ttl>15</ttl>
${items.map((a) => `<item><guid isPermaLink="false">${esc(a.id)}</guid><title>${esc(a.title)}</title><link>${esc(a.url)}</link>
<pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate><category>${lang === "ar" ? "العالم" : "World"}</category>
<description>${esc(a.summary)}</description><content:encoded><![CDATA[${html(a)}]]></content:encoded></item>`).join("\n")}
</channel></rss>`;
}

function atom(source: string, items: SampleArticle[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${items[0]?.language ?? "en"}"><title>${esc(source)}</title>
<id>urn:khabar:sample:${source}</id><updated>${items[0]?.publishedAt ?? new Date(0).toISOString()}</updated><link href="https://${source}.example/"/>
${items.map((a) => `<entry><id>urn:khabar:sample:${esc(a.id)}</id><title>${esc(a.title)}</title><link rel="alternate" href="${esc(a.url)}"/>
<published>${a.publishedAt}</published><updated>${a.publishedAt}</updated><category term="world" label="World"/>
<summary>${esc(a.summary)}</summary><content type="html">${esc(html(a))}</content></entry>`).join("\n")}
</feed>`;
}

function jsonFeed(source: string, items: SampleArticle[]): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: source,
    home_page_url: `https://${source}.example/`,
    language: items[0]?.language ?? "en",
    items: items.map((a) => ({ id: a.id, url: a.url, title: a.title, summary: a.summary, content_html: html(a), date_published: a.publishedAt, tags: ["World"] })),
  });
}

function bySource(): Map<string, SampleArticle[]> {
  const map = new Map<string, SampleArticle[]>();
  for (const a of ARTICLES) map.set(a.sourceId, [...(map.get(a.sourceId) ?? []), a]);
  for (const list of map.values()) list.sort((x, y) => y.publishedAt.localeCompare(x.publishedAt));
  return map;
}

/** The bundled sample sources' paths, relative to the gateway's own address. */
export function samplePaths(): { name: string; path: string }[] {
  const feeds = [...bySource().keys()].sort().map((s) => ({ name: s, path: `/samples/feeds/${s}.${FORMATS[s] === "json" ? "json" : "xml"}` }));
  return [{ name: "خَبَرَيْن (seed page)", path: `/samples/pages/${SEED_PAGE}` }, ...feeds];
}

/** Serves the sample feeds (RSS, Atom, JSON Feed) and the seed article page from memory. */
export function samplesRouter(): Router {
  const router = express.Router();
  const sources = bySource();
  const seed = readFileSync(path.join(DIR, SEED_PAGE), "utf8");
  router.get(`/samples/pages/${SEED_PAGE}`, (_req, res) => {
    res.type("html").send(seed);
  });
  router.get("/samples/feeds/:file", (req, res) => {
    const name = req.params.file.replace(/\.(xml|json)$/, "");
    const items = sources.get(name);
    if (!items) return void res.status(404).type("text").send("no such sample feed");
    const format = FORMATS[name] ?? "rss";
    if (format === "json") return void res.type("application/feed+json").send(jsonFeed(name, items));
    res.type(format === "atom" ? "application/atom+xml" : "application/rss+xml").send(format === "atom" ? atom(name, items) : rss(name, items));
  });
  return router;
}

/**
 * Registers the sample sources at `baseUrl` (this process). Sample sources are recognised by
 * settings.sample, so a restart on another port moves them instead of adding new ones.
 */
export async function registerSampleSources(db: DataSource, baseUrl: string): Promise<number[]> {
  const ids: number[] = [];
  for (const s of samplePaths()) {
    const url = `${baseUrl}${s.path}`;
    const rows: { id: number }[] = await db.query(
      `WITH moved AS (
         UPDATE source SET url = $1, updated_at = now() WHERE settings->>'sample' = $3 AND url <> $1
           AND NOT EXISTS (SELECT 1 FROM source WHERE url = $1) RETURNING id)
       INSERT INTO source (url, name, settings, next_fetch_at)
       SELECT $1, $2, jsonb_build_object('sample', $3::text), now()
       WHERE NOT EXISTS (SELECT 1 FROM moved) AND NOT EXISTS (SELECT 1 FROM source WHERE settings->>'sample' = $3)
       ON CONFLICT (url) DO NOTHING RETURNING id`,
      [url, s.name, s.path]);
    const [row] = rows.length ? rows : await db.query(`SELECT id FROM source WHERE settings->>'sample' = $1`, [s.path]);
    if (row) ids.push(row.id);
  }
  return ids;
}
