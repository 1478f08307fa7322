/**
 * Preloaded into gateway children (node -r): exits 2 s after SIGTERM if the gateway has not.
 * Apollo Server handles SIGTERM itself as well as main.ts does, and main.ts's apollo.stop() then
 * never settles, so the process would hang until SIGKILL — which also loses --cpu-prof profiles.
 */
process.on("SIGTERM", () => {
  setTimeout(() => process.exit(0), 2000).unref();
});
