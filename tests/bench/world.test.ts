import { CATEGORIES } from "../../src/sources/extract/category";
import { buildArticle, draftArticle } from "../../bench/generate/article";
import { CATEGORY_WEIGHTS, SECTIONS } from "../../bench/generate/names";
import { buildWorld, type WorldOptions } from "../../bench/generate/world";
import { countryNames } from "./countries";

const OPTIONS: WorldOptions = { articles: 4000, people: 3000, events: 150, sources: 20, seed: 11, end: new Date("2025-11-28T00:00:00Z"), days: 120, eventShare: 0.6 };
const countries = countryNames();
const world = buildWorld(OPTIONS, countries);
const articles = Array.from({ length: OPTIONS.articles }, (_, i) => buildArticle(world, i));

describe("the generated world", () => {
  it("spreads articles over the time window in id order", () => {
    const begin = OPTIONS.end.getTime() - OPTIONS.days * 86_400_000;
    expect(world.times[0]).toBeGreaterThanOrEqual(begin);
    expect(world.times[world.times.length - 1]).toBeLessThan(OPTIONS.end.getTime());
    for (let i = 1; i < world.times.length; i++) expect(world.times[i]).toBeGreaterThanOrEqual(world.times[i - 1]);
  });

  it("puts about the requested share of articles into events, and every event gets at least one", () => {
    const inEvents = [...world.eventOf].filter((e) => e >= 0);
    expect(inEvents.length / OPTIONS.articles).toBeGreaterThan(0.5);
    expect(inEvents.length / OPTIONS.articles).toBeLessThan(0.7);
    expect(new Set(inEvents).size).toBe(OPTIONS.events);
  });

  it("keeps an article inside its event's window unless it was drafted to save an empty event", () => {
    let outside = 0;
    world.eventOf.forEach((e, i) => {
      if (e >= 0 && (world.times[i] < world.events[e].start || world.times[i] > world.events[e].end)) outside++;
    });
    expect(outside).toBeLessThan(OPTIONS.events * 0.1);
  });

  it("gives people distinct names in both scripts", () => {
    expect(new Set(world.people.map((p) => p.en)).size).toBe(OPTIONS.people);
    expect(new Set(world.people.map((p) => p.ar)).size).toBe(OPTIONS.people);
    for (const p of world.people.slice(0, 200)) {
      expect(p.en).toMatch(/^[A-Za-z' -]+$/);
      expect(p.ar).toMatch(/^[\u0600-\u06FF ]+$/);
    }
  });

  it("uses only shared category ids and has a section label for each", () => {
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const [id] of CATEGORY_WEIGHTS) {
      expect(ids.has(id)).toBe(true);
      expect(SECTIONS[id]).toBeDefined();
    }
  });

  it("refuses more events than articles and an empty country table", () => {
    expect(() => buildWorld({ ...OPTIONS, events: OPTIONS.articles + 1 }, countries)).toThrow(/events need at least/);
    expect(() => buildWorld(OPTIONS, [])).toThrow(/country table is empty/);
  });
});

describe("generated articles", () => {
  it("are the same for the same seed and differ for another", () => {
    const again = buildWorld(OPTIONS, countries);
    expect(buildArticle(again, 1234)).toEqual(articles[1234]);
    const other = buildWorld({ ...OPTIONS, seed: 12 }, countries);
    expect(buildArticle(other, 1234).contentHash).not.toBe(articles[1234].contentHash);
  });

  it("come in Arabic and English, each language from its own sources", () => {
    const ar = articles.filter((a) => a.language === "ar");
    expect(ar.length / articles.length).toBeGreaterThan(0.3);
    expect(ar.length / articles.length).toBeLessThan(0.7);
    for (const a of articles) expect(a.outlet.language).toBe(a.language);
    for (const a of ar.slice(0, 100)) expect(a.title).not.toMatch(/[A-Za-z]/);
  });

  it("mention 1–6 distinct people and 1–4 distinct countries", () => {
    for (const a of articles) {
      expect(a.personMentions.length).toBeGreaterThanOrEqual(1);
      expect(a.personMentions.length).toBeLessThanOrEqual(6);
      expect(new Set(a.personMentions.map((m) => m.key)).size).toBe(a.personMentions.length);
      expect(a.countryMentions.length).toBeGreaterThanOrEqual(1);
      expect(a.countryMentions.length).toBeLessThanOrEqual(4);
      expect(new Set(a.countryMentions.map((m) => m.key)).size).toBe(a.countryMentions.length);
    }
  });

  it("write each mentioned name into the body as often as its count, first at its offset", () => {
    for (const a of articles.slice(0, 300)) {
      for (const m of a.personMentions) {
        const name = world.people[m.key - 1][a.language];
        expect(a.bodyText.split(name).length - 1).toBeGreaterThanOrEqual(m.count);
        expect(a.bodyText.slice(m.firstOffset, m.firstOffset + name.length)).toBe(name);
      }
    }
  });

  it("make a few people very popular", () => {
    const counts = new Map<number, number>();
    for (const a of articles) for (const m of a.personMentions) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
    const sorted = [...counts.values()].sort((x, y) => y - x);
    expect(sorted[0] / articles.length).toBeGreaterThan(0.03);
    expect(sorted[0]).toBeGreaterThan(20 * sorted[Math.floor(sorted.length / 2)]);
  });

  it("rank salience from the most prominent mention down", () => {
    for (const a of articles.slice(0, 300)) {
      expect(a.personMentions[0].salience).toBe(Math.max(...a.personMentions.map((m) => m.salience)));
      for (const m of a.personMentions) expect(m.salience).toBeGreaterThan(0);
    }
  });

  it("carry 0–3 images, a primary carrier on their own source, and links only to earlier articles", () => {
    for (const a of articles) {
      expect(a.images.length).toBeLessThanOrEqual(3);
      expect(a.carriers[0].sourceId).toBe(a.outlet.id);
      expect(new Set(a.carriers.map((c) => c.sourceId)).size).toBe(a.carriers.length);
      if (a.originalId !== null) expect(a.originalId).toBeLessThan(a.id);
      for (const l of a.seeAlso) expect(Number(l.url.split("/").pop())).toBeLessThan(a.id);
    }
    expect(articles.some((a) => a.images.length === 0)).toBe(true);
    expect(articles.some((a) => a.images.length === 3)).toBe(true);
  });

  it("give reprints their original's headline", () => {
    const reprints = articles.filter((a) => a.originalId !== null);
    expect(reprints.length).toBeGreaterThan(0);
    for (const r of reprints.slice(0, 20)) expect(r.title).toBe(draftArticle(world, r.originalId! - 1).title);
  });

  it("have unique URLs that sit on their source's host", () => {
    expect(new Set(articles.map((a) => a.url)).size).toBe(articles.length);
    for (const a of articles.slice(0, 100)) expect(new URL(a.url).host).toBe(a.outlet.host);
  });
});
