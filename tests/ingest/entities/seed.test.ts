import { readFileSync } from "node:fs";
import path from "node:path";
import { createMatcher, extractEntities, type EntityInput, type EntityResult } from "../../../src/ingest/entities";

const FIXTURES = path.join(__dirname, "../../fixtures/ingest/entities");
const seed = JSON.parse(readFileSync(path.join(FIXTURES, "seed-article.json"), "utf8")) as EntityInput;
const english = JSON.parse(readFileSync(path.join(FIXTURES, "english-asean-meeting.json"), "utf8")) as EntityInput;
const matcher = createMatcher();

const kbPeople = (r: EntityResult) => r.people.filter((p) => p.ref.kind === "kb").map((p) => (p.ref as { id: string }).id).sort();
const newPeople = (r: EntityResult) => r.people.filter((p) => p.ref.kind === "new");
const codes = (r: EntityResult) => r.countries.map((c) => c.code).sort();

describe("the seed page (Lavrov and Rubio in Kuala Lumpur)", () => {
  const r = extractEntities(seed, matcher);

  it("finds exactly the people the page mentions", () => {
    expect(kbPeople(r)).toEqual(["donald-trump", "marco-rubio", "sergei-lavrov", "vladimir-putin", "wang-yi"]);
    expect(newPeople(r).map((p) => p.ref)).toEqual([
      { kind: "new", name: "سيرغي ريابكوف", lang: "ar", aliases: ["ريابكوف"], key: "SRG RBKF" },
    ]);
    expect(r.people).toHaveLength(6);
  });

  it("keeps Lavrov's two spellings and his surname as one person", () => {
    const lavrov = r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "sergei-lavrov")!;
    expect(lavrov.surfaces).toEqual(expect.arrayContaining(["سيرجي لافروف", "سيرغي لافروف", "لافروف"]));
  });

  it("finds exactly the countries, by name, adjective or capital", () => {
    expect(codes(r)).toEqual(["AU", "CN", "IN", "IR", "JP", "KR", "MY", "RU", "SY", "UA", "US"]);
    const ru = r.countries.find((c) => c.code === "RU")!;
    expect(ru.via).toEqual(expect.arrayContaining(["name", "demonym", "capital", "metonym"]));
    expect(ru.surfaces).toEqual(expect.arrayContaining(["الروسي", "موسكو", "الكرملين"]));
    const us = r.countries.find((c) => c.code === "US")!;
    expect(us.surfaces).toEqual(expect.arrayContaining(["واشنطن", "الأمريكي", "الولايات المتحدة"]));
    expect(r.countries.find((c) => c.code === "MY")!.surfaces).toContain("الماليزية");
  });

  it("places the meeting in Kuala Lumpur and knows ASEAN and the EU", () => {
    expect(r.places.map((p) => [p.name, p.country])).toEqual([["Kuala Lumpur", "MY"]]);
    expect(r.orgs.map((o) => o.id).sort()).toEqual(["asean", "eu"]);
  });

  it("does not mention the photographers credited inside the captions", () => {
    const all = JSON.stringify(r.people);
    expect(all).not.toMatch(/فازري|إسماعيل|حسنور|حسين/);
    expect(r.credited.orgs).toEqual(["epa"]);
    expect(r.credited.names).toEqual(expect.arrayContaining(["فازري إسماعيل", "حسنور حسين"]));
  });

  it("ranks the people of the title and lede above those of the body", () => {
    const order = r.people.map((p) => (p.ref.kind === "kb" ? p.ref.id : p.ref.name));
    expect(order.slice(0, 2)).toEqual(expect.arrayContaining(["marco-rubio", "sergei-lavrov"]));
    const putin = r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "vladimir-putin")!;
    expect(putin.salience).toBeCloseTo(0.15, 3);
    for (const p of r.people) expect(p.salience).toBeGreaterThan(0);
    for (const p of r.people) expect(p.salience).toBeLessThanOrEqual(1);
  });

  it("reports first offsets into title + summary + body + captions joined by blank lines", () => {
    const joined = [seed.title, seed.summary, seed.bodyText, ...(seed.captions ?? [])].join("\n\n");
    for (const p of [...r.people, ...r.countries]) {
      expect(p.surfaces.some((s) => joined.startsWith(s, p.firstOffset))).toBe(true);
    }
    const lavrov = r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "sergei-lavrov")!;
    expect(lavrov.firstOffset).toBe(seed.title!.length + 2 + seed.summary!.indexOf("لافروف"));
  });

  it("gives the same people when the credits come apart from the captions", () => {
    const captions = seed.captions!.map((c) => c.replace(/\s*\[[^\]]+\]/, ""));
    const r2 = extractEntities({ ...seed, captions, credits: ["فازري إسماعيل/وكالة الأنباء الأوروبية"] }, matcher);
    expect(kbPeople(r2)).toEqual(kbPeople(r));
    expect(newPeople(r2)).toHaveLength(1);
  });
});

describe("an English report of the same meeting", () => {
  const r = extractEntities(english, matcher);

  it("lands on the same Lavrov, Rubio, Russia and United States as the Arabic page", () => {
    expect(kbPeople(r)).toEqual(expect.arrayContaining(["marco-rubio", "sergei-lavrov"]));
    expect(codes(r)).toEqual(expect.arrayContaining(["RU", "US"]));
    const lavrov = r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "sergei-lavrov")!;
    expect(lavrov.surfaces).toEqual(expect.arrayContaining(["Sergei Lavrov", "Sergey Lavrov", "Lavrov"]));
  });

  it("finds Ryabkov with the key the Arabic page gave him", () => {
    const ryabkov = newPeople(r).find((p) => p.ref.kind === "new" && p.ref.name === "Sergei Ryabkov")!;
    expect(ryabkov.ref).toMatchObject({ key: "SRG RBKF", aliases: ["Ryabkov"] });
    expect(ryabkov.count).toBe(2);
  });

  it("never mentions the byline or the photo credit", () => {
    const r2 = extractEntities({ ...english, bodyText: `${english.bodyText}\n\nJane Correspondent said the talks ended.` }, matcher);
    expect(JSON.stringify(r2.people)).not.toMatch(/Correspondent|Fazry|Ismail/);
    expect(r2.credited).toEqual({ orgs: ["epa"], names: ["Fazry Ismail"] });
  });

  it("excludes a credited name even when the knowledge base knows it", () => {
    const r2 = extractEntities({ language: "en", bodyText: "Rubio spoke.", captions: ["A view of the hall."], credits: ["Marco Rubio/AP"] }, matcher);
    expect(r2.people).toEqual([]);
  });
});
