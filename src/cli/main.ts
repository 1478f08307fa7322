#!/usr/bin/env node
import "reflect-metadata";
import { Command } from "commander";
import { ConfigError } from "../config/config";
import { CliContext } from "./context";
import { registerKeyCommands } from "./keys";
import { registerQueryCommands } from "./queries";
import { registerSourceCommands } from "./sources.command";

/** `khabar …`: operator commands over the same configuration as the gateway (DATABASE_URL, REDIS_URL…). */
async function main(argv: string[]): Promise<void> {
  const ctx = new CliContext();
  const program = new Command("khabar").description("Khabar news gateway: operator commands").showHelpAfterError();
  registerSourceCommands(program, ctx);
  registerKeyCommands(program, ctx);
  registerQueryCommands(program, ctx);
  try {
    await program.parseAsync(argv);
  } finally {
    await ctx.close();
  }
}

main(process.argv).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `khabar: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
