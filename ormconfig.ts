import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "./src/db/entities";
import { MIGRATIONS } from "./src/db/migrations";

/**
 * For the TypeORM CLI against a real PostgreSQL (`npx typeorm migration:show -d dist/ormconfig.js`).
 * The application opens its database through src/db/data-source.ts, which also handles embedded PGlite.
 */
export default new DataSource({
  type: "postgres",
  url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  entities: ENTITIES,
  migrations: MIGRATIONS,
  synchronize: false,
  installExtensions: false,
});
