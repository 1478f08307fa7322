/** Collapses runs of whitespace; drops zero-width spaces and direction marks but keeps ZWNJ, which Persian words need. */
export function collapseWhitespace(text: string | null | undefined): string {
  return (text ?? "").replace(/[\u200b\u200e\u200f\u2060]/g, "").replace(/\s+/g, " ").trim();
}
