import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SETTINGS } from "../src/config/config";

// Compiled into dist/scripts; README.md lives at the repository root.
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");
const BEGIN = "<!-- config-table:begin -->";
const END = "<!-- config-table:end -->";

export function configTable(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | ${s.defaultText === "unset" ? "unset" : `\`${s.defaultText}\``} | ${s.description} |`);
  return ["| Variable | Default | What it does |", "| --- | --- | --- |", ...rows].join("\n");
}

/** `node dist/scripts/config-table.js --write` refreshes the table between the README's markers. */
if (require.main === module) {
  const file = path.join(ROOT, "README.md");
  const readme = readFileSync(file, "utf8");
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`config-table: README.md has no ${BEGIN} … ${END} markers`);
  const next = `${readme.slice(0, start + BEGIN.length)}\n${configTable()}\n${readme.slice(end)}`;
  if (process.argv.includes("--write")) writeFileSync(file, next);
  else process.stdout.write(`${configTable()}\n`);
}
