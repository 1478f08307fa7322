/**
 * Page language and direction: the declared language (<html lang>, content-language, og:locale,
 * JSON-LD inLanguage) checked against the script of the visible text, because sites ship
 * templates with the wrong declaration (an Arabic page declaring lang="en-US").
 */
import { byTag, eachTextNode, isType, ldText, metaValue, type PageSignals } from "./metadata.signals";

export type Direction = "ltr" | "rtl";

export interface LanguageResult {
  language?: string;
  direction?: Direction;
  /** What the page declared (primary tag), before checking it against the text. */
  declared?: string;
  /** The full declared tag ("en-GB"), whose region decides day/month order in numeric dates. */
  declaredTag?: string;
}

const RTL_LANGS = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "dv", "yi", "sd", "ug", "syr", "arc", "ku-arab"]);

// Script of the text → the languages written in it; the first is the guess when the declaration does not fit.
const SCRIPT_LANGS: Record<string, string[]> = {
  Arabic: ["ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug"],
  Hebrew: ["he", "yi"],
  Cyrillic: ["ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg"],
  Greek: ["el"],
  Han: ["zh", "ja", "ko"],
  Kana: ["ja"],
  Hangul: ["ko"],
  Thai: ["th"],
  Devanagari: ["hi", "mr", "ne", "sa"],
  Bengali: ["bn", "as"],
  Tamil: ["ta"],
  Georgian: ["ka"],
  Armenian: ["hy"],
  Ethiopic: ["am", "ti"],
  Myanmar: ["my"],
  Khmer: ["km"],
  Thaana: ["dv"],
};

const SCRIPT_RANGES: [number, number, string][] = [
  [0x0041, 0x024f, "Latin"], [0x1e00, 0x1eff, "Latin"], [0x0370, 0x03ff, "Greek"], [0x0400, 0x052f, "Cyrillic"],
  [0x0530, 0x058f, "Armenian"], [0x0590, 0x05ff, "Hebrew"], [0x0600, 0x06ff, "Arabic"], [0x0750, 0x077f, "Arabic"],
  [0x0780, 0x07bf, "Thaana"], [0x08a0, 0x08ff, "Arabic"], [0x0900, 0x097f, "Devanagari"], [0x0980, 0x09ff, "Bengali"],
  [0x0b80, 0x0bff, "Tamil"], [0x0e00, 0x0e7f, "Thai"], [0x1000, 0x109f, "Myanmar"], [0x10a0, 0x10ff, "Georgian"],
  [0x1100, 0x11ff, "Hangul"], [0x1200, 0x139f, "Ethiopic"], [0x1780, 0x17ff, "Khmer"], [0x3040, 0x30ff, "Kana"],
  [0x3400, 0x4dbf, "Han"], [0x4e00, 0x9fff, "Han"], [0xac00, 0xd7af, "Hangul"], [0xfb1d, 0xfb4f, "Hebrew"],
  [0xfb50, 0xfdff, "Arabic"], [0xfe70, 0xfeff, "Arabic"],
];

export function detectLanguage(doc: Document, s: PageSignals): LanguageResult {
  const declaredTag = declaredLanguage(doc, s);
  const declared = primaryTag(declaredTag);
  const profile = scriptProfile(visibleText(doc, s));
  const fromScript = languageOfScript(profile, declared);
  const language = fromScript ?? declared;
  const overridden = !!fromScript && fromScript !== declared;
  const dir = overridden ? undefined : declaredDirection(doc, s);
  const direction = dir ?? (language ? (RTL_LANGS.has(language) ? "rtl" : "ltr") : scriptDirection(profile));
  return { language, direction, declared, declaredTag };
}

function declaredLanguage(doc: Document, s: PageSignals): string | undefined {
  const html = doc.documentElement;
  const article = s.article && !isType(s.article, "webpage") ? s.article : undefined;
  const candidates = [
    html?.getAttribute("lang"),
    html?.getAttribute("xml:lang"),
    doc.body?.getAttribute("lang"),
    metaValue(s, "content-language", "language", "dc.language", "dcterms.language"),
    metaValue(s, "og:locale"),
    ldText(article?.inLanguage),
  ];
  for (const c of candidates) if (primaryTag(c)) return c!.trim().replace(/_/g, "-");
  return undefined;
}

const ALIASES: Record<string, string> = { iw: "he", in: "id", ji: "yi", jw: "jv", arb: "ar", pes: "fa", zho: "zh", ara: "ar", eng: "en" };

/** "en-US" / "en_US" / "ar-AE" → "en" / "ar"; undefined for "und", "x-default", garbage. */
export function primaryTag(value: string | null | undefined): string | undefined {
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*\s*(?:,|;|$)/i.exec(value ?? "");
  if (!m) return undefined;
  const tag = m[1].toLowerCase();
  if (tag === "und" || tag === "mul" || tag === "zxx") return undefined;
  return ALIASES[tag] ?? tag;
}

function declaredDirection(doc: Document, s: PageSignals): Direction | undefined {
  for (const el of [doc.documentElement, doc.body, byTag(s, "article")[0]]) {
    const dir = el?.getAttribute("dir")?.trim().toLowerCase();
    if (dir === "rtl" || dir === "ltr") return dir;
  }
  return undefined;
}

/** Text of the article (or body) without scripts, styles and templates, capped for speed. */
export function visibleText(doc: Document, s: PageSignals, limit = 12_000): string {
  const root = byTag(s, "article")[0] ?? byTag(s, "main")[0] ?? doc.body;
  const text = collectText(root, limit);
  if (text.replace(/\s+/g, "").length >= 200) return text;
  // A tiny <article> (a teaser card) says little about the page: fall back to the body, then to everything (fragments without <body>).
  const body = root !== doc.body ? collectText(doc.body, limit) : text;
  return body.replace(/\s+/g, "").length >= 200 ? body : collectText(doc.documentElement, limit);
}

function collectText(root: Element | null, limit: number): string {
  if (!root) return "";
  const parts: string[] = [];
  let size = 0;
  eachTextNode(root, (n) => {
    parts.push(n.nodeValue ?? "");
    size += n.nodeValue?.length ?? 0;
    return size <= limit;
  });
  return parts.join(" ");
}

export interface ScriptProfile {
  total: number;
  counts: Map<string, number>;
  text: string;
}

export function scriptProfile(text: string): ScriptProfile {
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x41 || (cp > 0x5a && cp < 0x61)) continue;
    const script = scriptOf(cp);
    if (!script) continue;
    total++;
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return { total, counts, text };
}

function scriptOf(cp: number): string | undefined {
  if (cp <= 0x7a) return cp >= 0x61 || cp <= 0x5a ? "Latin" : undefined;
  if (cp < 0xc0 || cp === 0xd7 || cp === 0xf7) return undefined;
  for (const [lo, hi, name] of SCRIPT_RANGES) if (cp >= lo && cp <= hi) return name;
  return undefined;
}

/** The language the text's script implies when the declaration does not fit it; undefined when the declaration fits or the text is too thin. */
function languageOfScript(p: ScriptProfile, declared: string | undefined): string | undefined {
  if (p.total < 80) return undefined;
  const [script, count] = [...p.counts.entries()].sort((a, b) => b[1] - a[1])[0];
  // Japanese mixes kanji and kana: count them together.
  const kana = p.counts.get("Kana") ?? 0;
  const dominant = script === "Han" && kana > 0.05 * count ? "Kana" : script;
  const share = (dominant === "Kana" ? count + kana : count) / p.total;
  if (share < 0.5) return undefined;
  if (dominant === "Latin") return declared && !latinCompatible(declared) ? guessLatin(p.text) : undefined;
  const langs = SCRIPT_LANGS[dominant];
  if (!langs) return undefined;
  if (declared && langs.includes(declared)) return undefined;
  if (dominant === "Arabic") return arabicScriptLanguage(p.text);
  if (dominant === "Cyrillic") return /[іїєґ]/i.test(p.text) ? "uk" : "ru";
  return langs[0];
}

function latinCompatible(lang: string): boolean {
  return !Object.values(SCRIPT_LANGS).some((langs) => langs.includes(lang)) || ["sr", "ku", "uz", "az", "kk", "mn"].includes(lang);
}

/** Persian and Urdu letters that Arabic does not use tell them apart. */
function arabicScriptLanguage(text: string): string {
  const letters = (text.match(/[\u0600-\u06ff]/g) ?? []).length || 1;
  const urdu = (text.match(/[ٹڈڑںےۓھ]/g) ?? []).length;
  const persian = (text.match(/[پچژگکی]/g) ?? []).length;
  if (urdu / letters > 0.01) return "ur";
  if (persian / letters > 0.02) return "fa";
  return "ar";
}

const EN_WORDS = /\b(?:the|and|of|to|in|is|that|for|with|was|on|are|it|by|this)\b/gi;

/** A Latin-script page that declared a non-Latin language: English if its function words say so, else unknown. */
function guessLatin(text: string): string | undefined {
  const words = text.split(/\s+/).filter(Boolean).length || 1;
  const en = (text.match(EN_WORDS) ?? []).length;
  return en / words > 0.12 ? "en" : undefined;
}

function scriptDirection(p: ScriptProfile): Direction | undefined {
  if (p.total < 80) return undefined;
  const rtl = (p.counts.get("Arabic") ?? 0) + (p.counts.get("Hebrew") ?? 0) + (p.counts.get("Thaana") ?? 0);
  return rtl / p.total > 0.5 ? "rtl" : "ltr";
}
