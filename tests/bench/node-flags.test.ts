import { readFileSync } from "node:fs";
import path from "node:path";
import { flagsBeforeMain, gatewayNodeFlags } from "../../bench/run/khabar.server";

const root = path.resolve(__dirname, "../..");

describe("the gateway's Node flags in the benchmark", () => {
  it("are the flags npm start, the Dockerfile and compose give the gateway", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    const compose = readFileSync(path.join(root, "docker-compose.yml"), "utf8");
    const inJson = (text: string) => [...text.matchAll(/\["node", ((?:"[^"]+", )*)"dist\/src\/main\.js"\]/g)].map((m) => JSON.parse(`[${m[1].replace(/, $/, "")}]`) as string[]);
    const expected = gatewayNodeFlags({}, root);
    expect(expected).toContain("--heap-growing-percent=100");
    expect(flagsBeforeMain(pkg.scripts.start)).toEqual(expected);
    expect(inJson(dockerfile)).toEqual([expected]);
    expect(inJson(compose)).toEqual([expected]);
  });

  it("are replaced by BENCH_GATEWAY_NODE_FLAGS for A/B runs", () => {
    expect(gatewayNodeFlags({ BENCH_GATEWAY_NODE_FLAGS: " --max-semi-space-size=16  --trace-gc " }, root)).toEqual(["--max-semi-space-size=16", "--trace-gc"]);
    expect(gatewayNodeFlags({ BENCH_GATEWAY_NODE_FLAGS: "" }, root)).toEqual([]);
  });
});
