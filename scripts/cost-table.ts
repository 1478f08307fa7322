import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getNamedType, isCompositeType, isInterfaceType, isObjectType, type GraphQLArgument, type GraphQLField, type GraphQLSchema } from "graphql";
import { buildKhabarSchema } from "../src/graphql/schema";

// Compiled into dist/scripts; docs/integrators.md lives at the repository root.
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");
const BEGIN = "<!-- cost-table:begin -->";
const END = "<!-- cost-table:end -->";

type Complexity = number | ((o: { args: Record<string, unknown>; childComplexity: number }) => number);

/** Says in words what a field's complexity function does, by probing it. */
function rule(complexity: Complexity, first: GraphQLArgument | undefined, scalar: boolean): string {
  if (typeof complexity === "number") return complexity === 0 || scalar ? String(complexity) : `${complexity} + children`;
  const at = (n: number | undefined, child: number) => complexity({ args: n === undefined ? {} : { first: n }, childComplexity: child });
  if (at(7, 3) === 21 && at(7, 0) === 7) {
    const dflt = first?.defaultValue ?? at(undefined, 1);
    return `\`first\` (default ${dflt}) × children, at least \`first\``;
  }
  if (at(7, 3) === 3 && at(7, 0) === 0) return "children only";
  return "custom";
}

/** Every field whose cost is not the default (objects 1 + children, scalars 0), as a Markdown table. */
export function costTable(schema: GraphQLSchema = buildKhabarSchema()): string {
  const rows = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    // All connections share their wrapper fields' costs, so they are listed once.
    const owner = /Connection$/.test(type.name) ? "*Connection" : type.name;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const complexity = field.extensions?.complexity as Complexity | undefined;
      if (complexity === undefined) continue;
      const scalar = !isCompositeType(getNamedType(field.type));
      rows.set(`${owner}.${field.name}`, `| \`${owner}.${field.name}\` | ${rule(complexity, field.args.find((a) => a.name === "first"), scalar)} |`);
    }
  }
  return ["| Field | Cost |", "| --- | --- |", ...rows.values()].join("\n");
}

/** `node dist/scripts/cost-table.js --write` refreshes the table between the markers of docs/integrators.md. */
if (require.main === module) {
  if (!process.argv.includes("--write")) {
    process.stdout.write(`${costTable()}\n`);
    process.exit(0);
  }
  const file = path.join(ROOT, "docs", "integrators.md");
  const doc = readFileSync(file, "utf8");
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`cost-table: docs/integrators.md has no ${BEGIN} … ${END} markers`);
  writeFileSync(file, `${doc.slice(0, start + BEGIN.length)}\n${costTable()}\n${doc.slice(end)}`);
}
