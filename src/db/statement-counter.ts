import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

interface Scope { count: number }

const scopes = new AsyncLocalStorage<Scope>();
let total = 0;
let installed = false;

/** Counts every statement sent through node-postgres (TypeORM and PGlite's adapter both go through it). */
export function installStatementCounter(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query;
  // Patched on the prototype because TypeORM creates its own clients through the pool.
  pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
    total += 1;
    const scope = scopes.getStore();
    if (scope) scope.count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
}

export function totalStatements(): number {
  return total;
}

/** Runs `fn` and reports how many SQL statements it (and everything it awaited) issued. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const scope: Scope = { count: 0 };
  const result = await scopes.run(scope, fn);
  return { result, statements: scope.count };
}

export function runWithStatementScope<T>(scope: Scope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/**
 * Runs `fn` so that its statements count against no request. Outside any scope it just runs `fn`:
 * entering a scope switches on Node's promise hooks for the whole process, which cost a gateway
 * 5-10% of its CPU per page.
 */
export function uncounted<T>(fn: () => T): T {
  return scopes.getStore() ? scopes.run({ count: 0 }, fn) : fn();
}
