import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "../../src/db/entities";
import { MIGRATIONS } from "../../src/db/migrations";
import { installStatementCounter } from "../../src/db/statement-counter";

interface PgliteLike { close(): Promise<void> }

/** A DataSource over an existing PGlite instance (tests load it from the migrated dump). */
export async function openDatabaseOn(pglite: PgliteLike) {
  installStatementCounter();
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const dataSource = new DataSource({
    type: "postgres",
    extra: createPgConfig(pglite as never) as unknown as Record<string, unknown>,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    installExtensions: false,
  });
  await dataSource.initialize();
  return { dataSource, embedded: true, close: async () => { await dataSource.destroy(); await pglite.close(); } };
}
