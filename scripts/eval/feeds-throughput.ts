import { parseFeed } from "../../src/sources/parsers/feed.parser";

/**
 * Measures parser throughput (items/s) on large generated feeds: RSS 2.0 with full Arabic/English
 * bodies and Media RSS, Atom, and JSON Feed. Run: node dist/scripts/eval/feeds-throughput.js [items]
 */
const AR = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأمريكي ماركو روبيو في كوالالمبور لبحث الحرب في أوكرانيا والعلاقات الثنائية";
const EN = "Foreign ministers met in Kuala Lumpur on Thursday to discuss the war in Ukraine, trade tariffs and the relations between the two countries";

function paragraphs(i: number): string {
  const text = i % 2 ? AR : EN;
  return Array.from({ length: 8 }, (_, p) => `<p>${text} (${i}.${p}) &amp; <a href="/news/${i}-${p}">more</a></p>`).join("");
}

function rss(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `<item>
<title>${i % 2 ? "عنوان الخبر" : "Headline"} ${i}</title><link>https://example.com/news/${i}</link>
<guid isPermaLink="false">news-${i}</guid><pubDate>Thu, 10 Jul 2025 ${String(i % 24).padStart(2, "0")}:15:00 +0300</pubDate>
<dc:creator>Reporter ${i % 17}</dc:creator><category>World</category><category>Politics</category>
<description><![CDATA[<p>${(i % 2 ? AR : EN).slice(0, 120)}</p>]]></description>
<content:encoded><![CDATA[${paragraphs(i)}]]></content:encoded>
<media:content url="https://cdn.example.com/img/${i}.jpg" medium="image" width="1200" height="800"><media:credit>Photographer ${i % 5}/EPA</media:credit><media:description>Caption ${i}</media:description></media:content>
</item>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Bench</title><link>https://example.com/</link><language>ar</language>${items}</channel></rss>`;
}

function atom(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => `<entry><title>Headline ${i}</title><link href="https://example.com/a/${i}"/><id>urn:a:${i}</id>
<published>2025-07-10T10:${String(i % 60).padStart(2, "0")}:00+03:00</published><updated>2025-07-10T11:00:00Z</updated><author><name>Reporter ${i % 9}</name></author>
<category term="world" label="World"/><summary>${EN}</summary><content type="html">${paragraphs(i).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</content></entry>`).join("\n");
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"><title>Bench</title>${entries}</feed>`;
}

function jsonFeed(n: number): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: "Bench",
    language: "ar",
    items: Array.from({ length: n }, (_, i) => ({
      id: String(i), url: `https://example.com/j/${i}`, title: `عنوان ${i}`, content_html: paragraphs(i),
      date_published: "2025-07-10T10:00:00+03:00", authors: [{ name: `Reporter ${i % 7}` }], tags: ["World"], image: `https://cdn.example.com/${i}.jpg`,
    })),
  });
}

function measure(name: string, text: string, n: number, rounds = 3): void {
  parseFeed(text);
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const feed = parseFeed(text);
    const cpu = process.cpuUsage(cpuStart);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (feed.items.length !== n) throw new Error(`${name}: expected ${n} items, got ${feed.items.length}`);
    best = Math.min(best, ms);
    // CPU time (user + system) is what the parse costs; wall time also counts other processes on a busy host.
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  const mb = Buffer.byteLength(text) / 1e6;
  const perSecond = (ms: number) => Math.round((n / ms) * 1000).toString().padStart(6);
  console.log(
    `${name.padEnd(9)} ${String(n).padStart(6)} items ${mb.toFixed(1).padStart(5)} MB | wall ${best.toFixed(0).padStart(5)} ms ${perSecond(best)} items/s ${((mb / best) * 1000).toFixed(1).padStart(5)} MB/s | cpu ${bestCpu.toFixed(0).padStart(5)} ms ${perSecond(bestCpu)} items/cpu-s`,
  );
}

const n = Number(process.argv[2] ?? 10_000);
measure("rss", rss(n), n);
measure("atom", atom(n), n);
measure("jsonfeed", jsonFeed(n), n);
