import { decodeText } from "./text";

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** The person's name from "Name <email>", "email (Name)", "Name (email)" or a bare name; bare emails yield nothing. */
export function authorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = decodeText(raw).replace(/^mailto:/i, "");
  if (!text) return undefined;
  const paren = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(text);
  if (paren) return pickName(paren[1], paren[2]);
  const angle = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text);
  if (angle) return pickName(angle[1], angle[2]);
  return EMAIL.test(text) ? undefined : text;
}

function pickName(outside: string, inside: string): string | undefined {
  const a = outside.trim().replace(/^["']|["']$/g, "");
  const b = inside.trim();
  if (EMAIL.test(a)) return b && !EMAIL.test(b) ? b : undefined;
  if (a) return a;
  return b && !EMAIL.test(b) ? b : undefined;
}

/** Email address found in an author string, if any. */
export function authorEmail(raw: string | undefined): string | undefined {
  const match = raw ? /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/.exec(raw) : null;
  return match ? match[0].replace(/^mailto:/i, "") : undefined;
}

/** De-duplicates names case-insensitively, keeping the first spelling and order. */
export function uniqueNames(names: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const clean = name?.replace(/\s+/g, " ").trim();
    if (!clean) continue;
    const key = clean.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}
