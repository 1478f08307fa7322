/** The SQLSTATE of a database error, whether node-postgres raised it or TypeORM wrapped it. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === "string" ? code : undefined;
}
