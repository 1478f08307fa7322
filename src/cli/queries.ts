import { readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import {
  GraphQLError, Kind, parse, print, specifiedRules, validate, visit,
  type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode,
} from "graphql";
import type { Config } from "../config/config";
import type { Database } from "../db/data-source";
import { queryHash, SafelistStore, type RegisteredOperation } from "../graphql/plugins/safelist";
import { parseOptions, shapeRules } from "../graphql/plugins/shape-rules";
import { buildKhabarSchema } from "../graphql/schema";

export interface QueryCommandDeps {
  openDb(): Promise<Database>;
  config: Config;
  out?: (line: string) => void;
  /** The schema operations are checked against; the gateway's by default. */
  schema?: () => GraphQLSchema;
}

export class OperationFileError extends Error {
  readonly code = "OPERATION_FILE_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "OperationFileError";
  }
}

/** Fragments an operation uses, directly or through other fragments, in file order. */
function fragmentsOf(op: OperationDefinitionNode, all: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Set<string>();
  const visitFrom = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name) || !all.has(name)) return;
        used.add(name);
        visitFrom(all.get(name)!);
      },
    });
  visitFrom(op);
  return [...all.values()].filter((f) => used.has(f.name.value));
}

/**
 * The operations of a .graphql file, each as the document a client sends: the operation and the
 * fragments it uses, printed by graphql-js (sha256 of that text is its APQ hash).
 */
export function operationsFromDocument(source: string, schema: GraphQLSchema, config: Config, file = "document"): RegisteredOperation[] {
  let doc: DocumentNode;
  try {
    doc = parse(source, parseOptions(config));
  } catch (err) {
    throw new OperationFileError(`${file}: ${(err as GraphQLError).message}`);
  }
  const errors = validate(schema, doc, [...specifiedRules, ...shapeRules(config)]);
  if (errors.length) throw new OperationFileError(`${file}: ${errors.map((e) => e.message).join("; ")}`);
  const isOp = (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION;
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const ops = doc.definitions.filter(isOp);
  if (ops.length === 0) throw new OperationFileError(`${file}: no operation (query, mutation or subscription) in it`);
  return ops.map((op) => {
    const body = print({ kind: Kind.DOCUMENT, definitions: [op, ...fragmentsOf(op, fragments)] });
    return { hash: queryHash(body), body, operationName: op.name?.value ?? null };
  });
}

interface ManifestEntry { id?: unknown; name?: unknown; body?: unknown }

/** An Apollo persisted query manifest: bodies are registered byte for byte, as the client sends them. */
export function operationsFromManifest(text: string, schema: GraphQLSchema, config: Config, file = "manifest"): RegisteredOperation[] {
  let manifest: { format?: unknown; operations?: unknown };
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    throw new OperationFileError(`${file}: not JSON (${(err as Error).message})`);
  }
  if (manifest.format !== "apollo-persisted-query-manifest" || !Array.isArray(manifest.operations)) {
    throw new OperationFileError(`${file}: expected {"format":"apollo-persisted-query-manifest","operations":[…]}`);
  }
  return (manifest.operations as ManifestEntry[]).map((entry, i) => {
    if (typeof entry.body !== "string") throw new OperationFileError(`${file}: operations[${i}].body must be a string`);
    operationsFromDocument(entry.body, schema, config, `${file} operations[${i}]`);
    const hash = queryHash(entry.body);
    if (entry.id !== undefined && entry.id !== hash) throw new OperationFileError(`${file}: operations[${i}].id is not the sha256 of its body`);
    return { hash, body: entry.body, operationName: typeof entry.name === "string" ? entry.name : null };
  });
}

/** `khabar queries register|list|remove`: the safelist of operations (see SAFELIST and `keys create --safelist`). */
export function registerQueryCommands(program: Command, deps: QueryCommandDeps): Command {
  const out = deps.out ?? ((line: string) => console.log(line));
  const schema = deps.schema ?? buildKhabarSchema;
  const store = async () => new SafelistStore((await deps.openDb()).dataSource);
  const queries = program.command("queries").description("registered operations (the safelist)");

  queries.command("register <files...>").description("register the operations of .graphql files or Apollo persisted-query manifests (.json)")
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      const ops: RegisteredOperation[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = readFileSync(file, "utf8");
        } catch (err) {
          return cmd.error(`queries register: cannot read ${file}: ${(err as Error).message}`, { exitCode: 1 });
        }
        try {
          const found = path.extname(file) === ".json" ? operationsFromManifest(text, schema(), deps.config, file) : operationsFromDocument(text, schema(), deps.config, file);
          ops.push(...found);
        } catch (err) {
          if (err instanceof OperationFileError) return cmd.error(`queries register: ${err.message}`, { exitCode: 1 });
          throw err;
        }
      }
      const added = new Set(await (await store()).register(ops));
      for (const op of ops) out(`${op.hash}  ${op.operationName ?? "(anonymous)"}  ${added.has(op.hash) ? "registered" : "already registered"}`);
      out(`${added.size} new, ${ops.length - added.size} already registered; gateways load them within SAFELIST_REFRESH_SECONDS (${deps.config.safelistRefreshSeconds} s).`);
    });

  queries.command("list").description("list registered operations").option("--body", "print each operation's text")
    .action(async (o: { body?: boolean }) => {
      const ops = await (await store()).all();
      if (ops.length === 0) out("No registered operations.");
      for (const op of ops) {
        out(`${op.hash}  ${op.operationName ?? "(anonymous)"}`);
        if (o.body) out(op.body.replace(/^/gm, "    "));
      }
    });

  queries.command("remove <hash>").description("unregister an operation by its sha256")
    .action(async (hash: string, _o: unknown, cmd: Command) => {
      if (!/^[0-9a-f]{64}$/.test(hash)) cmd.error(`queries remove: "${hash.slice(0, 70)}" is not a sha256 (64 hex characters)`, { exitCode: 2 });
      if (!(await (await store()).remove(hash))) cmd.error(`queries remove: no registered operation ${hash}`, { exitCode: 1 });
      out(`Removed ${hash}.`);
    });
  return queries;
}
