import { loadConfig } from "../config/config";
import { openDatabase } from "./data-source";

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const applied = await db.dataSource.runMigrations({ transaction: "each" });
    const where = config.databaseUrl ? "PostgreSQL" : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(", ")} to ${where}` : `${where} is up to date`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
