import { isDeepStrictEqual } from "node:util";

/** Where two JSON values first differ ("data.articles.edges.3.node.title: "a" vs "b""), or undefined. */
export function firstDifference(a: unknown, b: unknown, at = "$"): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}

const REPLACEMENT = "\uFFFD";

/**
 * Where `expected` ends in `body` if body starts with it, else -1. autocannon decodes every chunk of
 * a body on its own, so a character split between two socket reads arrives as a run of U+FFFD: such
 * a run stands for exactly one character; everything else must match.
 */
export function matchPrefix(body: string, expected: string): number {
  if (!body.includes(REPLACEMENT)) return body.startsWith(expected) ? expected.length : -1;
  let b = 0;
  let e = 0;
  while (e < expected.length) {
    const bad = body.indexOf(REPLACEMENT, b);
    const take = Math.min((bad < 0 ? body.length : bad) - b, expected.length - e);
    if (!body.startsWith(expected.slice(e, e + take), b)) return -1;
    b += take;
    e += take;
    if (e >= expected.length) break;
    if (b !== bad) return -1;
    while (body[b] === REPLACEMENT) b++;
    e += (expected.codePointAt(e) ?? 0) > 0xffff ? 2 : 1;
  }
  return b;
}

/**
 * Accepts a response body that carries exactly the expected data (first, as servers serialise it)
 * and no errors, whatever extensions follow — without parsing tens of kilobytes per response.
 */
export function dataVerifier(data: unknown): (body: string) => boolean {
  const prefix = `{"data":${JSON.stringify(data)}`;
  return (body) => {
    const end = matchPrefix(body, prefix);
    if (end < 0) return false;
    return (end === body.length - 1 ? body[end] === "}" : body[end] === ",") && !body.includes(`"errors":`, end);
  };
}
