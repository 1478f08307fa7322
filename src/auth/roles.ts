/** Roles from least to most privileged; each role may do everything the ones before it may. */
export const ROLES = ["public", "reader", "integrator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  /** Id of the API key used, absent for anonymous requests. */
  keyId?: string;
}

export const ANONYMOUS: Principal = { role: "public" };

export function hasRole(principal: Principal, required: readonly string[]): boolean {
  if (required.length === 0) return principal.role !== "public";
  const rank = ROLES.indexOf(principal.role);
  return required.some((r) => ROLES.indexOf(r as Role) !== -1 && rank >= ROLES.indexOf(r as Role));
}
