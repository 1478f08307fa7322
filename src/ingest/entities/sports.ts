/**
 * In a match report a country's name is its national team ("Sweden beat South Korea 1–0",
 * فازت نيجيريا على النيجر 2 - صفر): such mentions get via "team" so a filter on the state can
 * leave them out. One clear case makes the reading hold for that country in the whole article.
 */
import { normalizeArabic } from "./arabic";
import type { KbSpan } from "./kb.pass";
import type { Token } from "./tokenize";

const CUES = new Set(
  `beat beats defeated drew vs goal goals scored striker goalkeeper midfielder penalty qualifier
  qualifiers منتخب فاز فازت تعادل تعادلت هزم هزمت مباراة مباراتي هدف هدفين أهداف الشوط مرمى صفر
  تصفيات المونديال`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeArabic),
);
const WINDOW = 3;

function nearCue(tokens: readonly Token[], s: KbSpan): boolean {
  const from = Math.max(0, s.start - WINDOW);
  const to = Math.min(tokens.length, s.end + WINDOW);
  for (let i = from; i < to; i++) {
    if (i >= s.start && i < s.end) continue;
    const t = tokens[i];
    if (CUES.has(t.norm) || CUES.has(t.norm.replace(/^(و|ف|ب|ل)/, ""))) return true;
    // A score right after the name: "3 – 0", "2 - صفر".
    if (i >= s.end && t.script === "num" && tokens[i + 1] && (tokens[i + 1].script === "num" || tokens[i + 1].norm === "صفر")) return true;
  }
  return false;
}

/** Marks country-name spans used as national teams; needs two cues in the article to act at all. */
export function markTeams(tokens: readonly Token[], spans: KbSpan[]): void {
  const named = spans.filter((s) => s.payload.target.kind === "country" && s.via === "name");
  const teams = new Set<string>();
  for (const s of named) if (nearCue(tokens, s)) teams.add((s.payload.target as { code: string }).code);
  if (teams.size < 2) return;
  for (const s of named) if (teams.has((s.payload.target as { code: string }).code)) s.via = "team";
}
