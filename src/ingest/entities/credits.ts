/**
 * Photo credits written inside captions ("… [Fazry Ismail/EPA]", "(Photo: AP)", "تصوير: …")
 * name photographers and agencies, not people in the story: find them so the extractor can
 * blank them out (keeping offsets) and exclude the names everywhere.
 */

export interface CreditSpan {
  start: number;
  end: number;
  text: string;
}

const PATTERNS: RegExp[] = [
  // [Name/Agency] or (Name/Agency), the form Arabic and wire captions use.
  /[[(]([^\])[(\n]{2,80}\/[^\])[(\n]{2,80})[\])]/gu,
  // Photo: X / Credit: X / Photograph by X / صورة: X / تصوير: X — to the end of the line.
  /(?:\b(?:photo(?:graph)?s?|picture|image|credit|courtesy)\b\s*(?:by|:)|(?:صورة|الصورة|تصوير|المصدر)\s*:)\s*[^\n]{2,80}$/gimu,
  // A trailing "Name/Agency" with no brackets.
  /(?:^|\s)([\p{L}.'’-]+(?:\s[\p{L}.'’-]+){0,3}\s?\/\s?[\p{L}.'’ -]{2,40})\s*$/gmu,
];

/** Credit strings embedded in one caption, by offset in that caption. */
export function findEmbeddedCredits(caption: string): CreditSpan[] {
  const spans: CreditSpan[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(caption); m !== null; m = re.exec(caption)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].length;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const text = caption
        .slice(start, end)
        .replace(/^[[(]|[\])]$/g, "")
        .replace(/^(?:(?:photo(?:graph)?s?|picture|image|credit|courtesy)\s*(?:by|:)|(?:صورة|الصورة|تصوير|المصدر)\s*:)\s*/iu, "")
        .trim();
      spans.push({ start, end, text });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The caption with each credit replaced by spaces of the same length (offsets stay valid). */
export function blankCredits(caption: string, spans: CreditSpan[]): string {
  let out = caption;
  for (const s of spans) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
}
