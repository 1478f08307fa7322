import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API keys look like `khb_<id>_<secret>`: the id (12 hex characters) is public and finds the row,
 * the secret (32 random bytes, base64url) is only ever stored as its sha256. A slow hash would add
 * nothing: the secret has 256 bits of entropy, so it cannot be guessed from its digest.
 */
const KEY_PATTERN = /^khb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  id: string;
  /** The whole key, shown once at creation. */
  token: string;
  secretHash: string;
}

export interface ParsedApiKey {
  id: string;
  secret: string;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateApiKey(): NewApiKey {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, token: `khb_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** `undefined` when the text is not shaped like a Khabar key at all. */
export function parseApiKey(token: string): ParsedApiKey | undefined {
  const m = KEY_PATTERN.exec(token);
  return m ? { id: m[1], secret: m[2] } : undefined;
}

/** Constant-time comparison of a presented secret with a stored sha256 (hex). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time comparison of two arbitrary strings (through their digests, so lengths leak nothing). */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(createHash("sha256").update(presented).digest(), createHash("sha256").update(expected).digest());
}
