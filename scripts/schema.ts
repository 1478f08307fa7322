import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { printKhabarSchema } from "../src/graphql/schema";

// Compiled into dist/scripts; the committed SDL lives at the repository root.
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");
const FILE = path.join(ROOT, "schema", "schema.graphql");

const sdl = printKhabarSchema();
if (process.argv.includes("--write")) {
  mkdirSync(path.dirname(FILE), { recursive: true });
  writeFileSync(FILE, sdl);
  console.log(`wrote ${path.relative(ROOT, FILE)} (${sdl.length} bytes)`);
} else {
  const committed = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
  if (committed !== sdl) {
    console.error(`schema:check: ${path.relative(ROOT, FILE)} is stale; run \`npm run schema:emit\` and commit it.`);
    process.exit(1);
  }
  console.log("schema:check: schema/schema.graphql is up to date");
}
