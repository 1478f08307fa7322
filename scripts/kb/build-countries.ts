/**
 * Generates src/ingest/entities/kb/countries.jsonl from i18n-iso-countries and
 * world-countries plus the hand-written countries.extra.ts. Run after a build:
 *   node dist/scripts/kb/build-countries.js [--out path]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import countries from "i18n-iso-countries";
import world from "world-countries";
import { normalizeArabic } from "../../src/ingest/entities/arabic";
import { nameTokens } from "../../src/ingest/entities/tokenize";
import type { CountryEntry } from "../../src/ingest/entities/kb.types";
import { EXTRA, type CountryExtra } from "./countries.extra";

type Wc = (typeof world)[number];

// Latin alt spellings that are ordinary words or given names in English news.
const COMMON_WORD_SPELLINGS = new Set(["island", "mann", "dominique", "reunion", "thai", "lao", "timor", "saudi", "emirates", "georgia"]);

const uniq = (xs: string[]): string[] => [...new Set(xs.map((x) => x.trim()).filter((x) => x.length > 0))];
const stripParens = (s: string): string[] => {
  const inner = /\(([^)]+)\)/.exec(s)?.[1];
  const outer = s.replace(/\s*\([^)]*\)\s*/g, " ").trim();
  return inner ? [outer, inner] : [outer];
};

function latinNames(code: string, wc: Wc | undefined): string[] {
  const all = countries.getNames("en", { select: "all" })[code] ?? [];
  const alt = (wc?.altSpellings ?? []).filter(
    (s) => /^[A-Z]/.test(s) && /^[\p{Script=Latin}\s'’.-]+$/u.test(s) && s.length > 3 && !COMMON_WORD_SPELLINGS.has(s.toLowerCase()),
  );
  const base = [...all, wc?.name.common ?? "", wc?.name.official ?? "", ...alt].filter((s) => s && !s.includes(","));
  return uniq(base.flatMap(stripParens));
}

function arabicNames(code: string, wc: Wc | undefined): string[] {
  const all = countries.getNames("ar", { select: "all" })[code] ?? [];
  const ara = wc?.translations?.ara;
  return uniq([...all, ara?.common ?? "", ara?.official ?? ""].flatMap(stripParens));
}

function englishDemonyms(wc: Wc | undefined): string[] {
  const eng = (wc?.demonyms as Record<string, { m: string; f: string }> | undefined)?.eng;
  if (!eng) return [];
  const base = uniq([...eng.m.split(/,\s*| or /), ...eng.f.split(/,\s*| or /)]);
  // Regular plurals ("Russians", "Iraqis"); -ese/-ish/-ch forms have none.
  const plurals = base.filter((d) => /(an|i|er|ite)$/.test(d)).map((d) => `${d}s`);
  return uniq([...base, ...plurals]);
}

/** Nisba base from a one-word Arabic name: روسيا → روسي, السعودية → سعودي, كندا → كندي. */
function nisbaBase(arName: string): string | undefined {
  if (arName.includes(" ")) return undefined;
  let s = arName.startsWith("ال") ? arName.slice(2) : arName;
  if (s.endsWith("يا") || s.endsWith("ية")) s = s.slice(0, -1);
  else if (s.endsWith("ا") || s.endsWith("ة")) s = `${s.slice(0, -1)}ي`;
  else if (!s.endsWith("ي")) s = `${s}ي`;
  return s;
}

/** Masculine/feminine, singular/sound plural, with and without the article, word by word. */
function inflectNisba(base: string): string[] {
  const suffixes = ["", "ة", "ون", "ين", "ات"];
  const out: string[] = [];
  for (const suf of suffixes) {
    for (const art of ["", "ال"]) out.push(base.split(" ").map((w) => art + w + suf).join(" "));
  }
  return out;
}

function arabicDemonyms(extra: CountryExtra, arName: string): string[] {
  const bases = extra.nisba === false ? [] : extra.nisba === undefined ? [nisbaBase(arName)] : [extra.nisba].flat();
  return uniq([...bases.filter((b): b is string => !!b).flatMap(inflectNisba), ...(extra.da ?? [])]);
}

function buildRow(code: string): CountryEntry {
  const wc = world.find((w) => w.cca2 === code);
  const extra = EXTRA[code] ?? {};
  const drop = new Set((extra.drop ?? []).map((d) => d.toLowerCase()));
  const keep = (xs: string[]) => uniq(xs).filter((x) => !drop.has(x.toLowerCase()));
  const arPrimary = countries.getName(code, "ar") ?? wc?.translations?.ara?.common ?? "";
  const enPrimary = wc?.name.common ?? countries.getName(code, "en") ?? code;
  const demEn = keep([...englishDemonyms(wc), ...(extra.d ?? [])]);
  const namesEn = keep([...latinNames(code, wc), ...(extra.n ?? [])]).filter((n) => !demEn.includes(n));
  const namesAr = keep([...arabicNames(code, wc), ...(extra.na ?? [])]);
  const capEn = keep([...(wc?.capital ?? []), ...(extra.cap ?? [])]).filter((c) => !namesEn.includes(c));
  const row: CountryEntry = {
    code,
    alpha3: countries.alpha2ToAlpha3(code) ?? wc?.cca3 ?? "",
    name: { en: enPrimary, ar: arPrimary },
    names: { en: namesEn, ar: namesAr },
    demonyms: { en: demEn, ar: keep(arabicDemonyms(extra, arPrimary)) },
    capitals: { en: capEn, ar: keep(extra.capAr ?? []).filter((c) => !namesAr.includes(c)) },
  };
  if (extra.m?.length || extra.ma?.length) row.metonyms = { en: extra.m ?? [], ar: extra.ma ?? [] };
  if (extra.c?.length) row.cities = extra.c.map(([en, ar]) => ({ en, ar }));
  if (extra.weak?.length) row.weak = extra.weak;
  return row;
}

/** A form claimed by two countries keeps its hand-assigned owner, else the UN member; ties drop it. */
function resolveConflicts(rows: CountryEntry[]): void {
  const owners = new Map<string, string[]>();
  const keyOf = (lang: string, s: string) => `${lang}:${nameTokens(lang === "ar" ? normalizeArabic(s) : s).join(" ")}`;
  for (const r of rows) {
    for (const field of ["names", "demonyms"] as const) {
      for (const lang of ["en", "ar"] as const) {
        for (const s of r[field]?.[lang] ?? []) {
          const k = keyOf(lang, s);
          const list = owners.get(k) ?? [];
          if (!list.includes(r.code)) list.push(r.code);
          owners.set(k, list);
        }
      }
    }
  }
  const explicit = (code: string, s: string) => {
    const e = EXTRA[code];
    return !!e && [...(e.n ?? []), ...(e.na ?? []), ...(e.d ?? []), ...(e.da ?? [])].includes(s);
  };
  const member = (code: string) => world.find((w) => w.cca2 === code)?.unMember === true;
  for (const r of rows) {
    for (const field of ["names", "demonyms"] as const) {
      for (const lang of ["en", "ar"] as const) {
        const list = r[field]?.[lang];
        if (!list) continue;
        r[field]![lang] = list.filter((s) => {
          const claim = owners.get(keyOf(lang, s))!;
          if (claim.length === 1) return true;
          const hand = claim.filter((c) => explicit(c, s));
          if (hand.length > 0) return hand[0] === r.code;
          const members = claim.filter(member);
          return members.length === 1 && members[0] === r.code;
        });
      }
    }
  }
}

function main(): void {
  const outArg = process.argv.indexOf("--out");
  const repo = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
  const out = outArg > 0 ? process.argv[outArg + 1] : path.join(repo, "src/ingest/entities/kb/countries.jsonl");
  const codes = Object.keys(countries.getAlpha2Codes()).sort();
  const rows = codes.map(buildRow);
  resolveConflicts(rows);
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`build-countries: wrote ${rows.length} countries to ${out}`);
}

main();
