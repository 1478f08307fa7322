/** Roles from least to most privileged; each role may do everything the ones before it may. */
export const ROLES = ["public", "reader", "integrator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Per-key exceptions to the role's defaults; absent fields fall back to the role. */
export interface BudgetOverrides {
  /** Bucket size in points. */
  capacity?: number;
  /** Points refilled per second. */
  refillPerSecond?: number;
  /** Highest cost of a single query. */
  maxCost?: number;
}

export interface Principal {
  role: Role;
  /** Id of the API key used (its public prefix), absent for anonymous requests. */
  keyId?: string;
  /** The key's display name. */
  name?: string;
  budget?: BudgetOverrides;
  /** The key may only run operations registered in the safelist. */
  safelistOnly?: boolean;
}

export const ANONYMOUS: Principal = { role: "public" };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasRole(principal: Principal, required: readonly string[]): boolean {
  if (required.length === 0) return principal.role !== "public";
  const rank = ROLES.indexOf(principal.role);
  return required.some((r) => ROLES.indexOf(r as Role) !== -1 && rank >= ROLES.indexOf(r as Role));
}
