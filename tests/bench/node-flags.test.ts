import { readFileSync } from "node:fs";
import path from "node:path";
import { gatewayNodeFlags } from "../../bench/run/khabar.server";

const root = path.resolve(__dirname, "../..");

/** The Node flags a command line gives before `dist/src/main.js`. */
function flagsBeforeMain(command: string): string[] {
  const words = command.split(/\s+/);
  const node = words.lastIndexOf("node", words.indexOf("dist/src/main.js"));
  return words.slice(node + 1, words.indexOf("dist/src/main.js"));
}

describe("the gateway's Node flags in the benchmark", () => {
  it("are the flags npm start, the Dockerfile and compose give the gateway", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    const compose = readFileSync(path.join(root, "docker-compose.yml"), "utf8");
    const inJson = (text: string) => [...text.matchAll(/\["node", ((?:"[^"]+", )*)"dist\/src\/main\.js"\]/g)].map((m) => JSON.parse(`[${m[1].replace(/, $/, "")}]`) as string[]);
    const expected = gatewayNodeFlags({});
    expect(expected).toContain("--heap-growing-percent=100");
    expect(flagsBeforeMain(pkg.scripts.start)).toEqual(expected);
    expect(inJson(dockerfile)).toEqual([expected]);
    expect(inJson(compose)).toEqual([expected]);
  });

  it("are replaced by BENCH_GATEWAY_NODE_FLAGS for A/B runs", () => {
    expect(gatewayNodeFlags({ BENCH_GATEWAY_NODE_FLAGS: " --max-semi-space-size=16  --trace-gc " })).toEqual(["--max-semi-space-size=16", "--trace-gc"]);
    expect(gatewayNodeFlags({ BENCH_GATEWAY_NODE_FLAGS: "" })).toEqual([]);
  });
});
