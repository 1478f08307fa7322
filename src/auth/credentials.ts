import { AuthError } from "./errors";

export interface CredentialHeaders {
  authorization?: string | string[];
  "x-api-key"?: string | string[];
}

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The API key a request presents through `Authorization: Bearer <key>` or `x-api-key: <key>`;
 * `undefined` when it presents none (empty headers count as none). A credential of another shape is
 * an error, never a reason to serve the request anonymously.
 */
export function presentedKey(headers: CredentialHeaders): string | undefined {
  const auth = single(headers.authorization)?.trim();
  const header = single(headers["x-api-key"])?.trim();
  let bearer: string | undefined;
  if (auth !== undefined && auth !== "") {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new AuthError(`auth: expected "Authorization: Bearer <API key>", got a "${auth.split(/\s/)[0].slice(0, 20)}" credential`, "malformed");
    bearer = m[1];
  }
  if (bearer !== undefined && header !== undefined && header !== "" && bearer !== header) {
    throw new AuthError("auth: Authorization and x-api-key carry different keys; send one of them", "malformed");
  }
  return bearer ?? (header || undefined);
}
