import { Discrete, hashText, permutation, streamRng, zipf } from "../../bench/generate/random";

const draws = (rng: ReturnType<typeof streamRng>, n: number) => Array.from({ length: n }, () => rng.next());

describe("seeded randomness", () => {
  it("repeats the same sequence for the same seed, stream and index", () => {
    expect(draws(streamRng(7, "article", 42), 20)).toEqual(draws(streamRng(7, "article", 42), 20));
  });

  it("gives different sequences to different seeds, streams and indexes", () => {
    const base = draws(streamRng(7, "article", 42), 5);
    expect(draws(streamRng(8, "article", 42), 5)).not.toEqual(base);
    expect(draws(streamRng(7, "person", 42), 5)).not.toEqual(base);
    expect(draws(streamRng(7, "article", 43), 5)).not.toEqual(base);
  });

  it("stays within [0, 1) and covers the range evenly", () => {
    const xs = draws(streamRng(1, "uniform"), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const d of deciles) expect(d).toBeGreaterThan(1800);
  });

  it("hashes text to 32-bit unsigned integers", () => {
    expect(hashText("article")).toBe(hashText("article"));
    expect(hashText("article")).not.toBe(hashText("articles"));
    expect(hashText("x")).toBeLessThan(2 ** 32);
  });
});

describe("weighted draws", () => {
  it("draws indexes in proportion to their weights", () => {
    const d = new Discrete([1, 0, 3]);
    const rng = streamRng(3, "discrete");
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[d.sample(rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });

  it("refuses empty, negative and all-zero weights", () => {
    expect(() => new Discrete([])).toThrow(/at least one weight/);
    expect(() => new Discrete([1, -1])).toThrow(/≥ 0/);
    expect(() => new Discrete([0, 0])).toThrow(/sum to 0/);
  });

  it("makes a Zipf rank 0 the most frequent and the head carry a large share", () => {
    const z = zipf(1000, 1);
    const rng = streamRng(5, "zipf");
    const counts = new Array(1000).fill(0);
    for (let i = 0; i < 50_000; i++) counts[z.sample(rng)]++;
    expect(counts[0]).toBe(Math.max(...counts));
    expect(counts[0] / counts[9]).toBeGreaterThan(6);
    const head = counts.slice(0, 10).reduce((a, b) => a + b, 0);
    expect(head / 50_000).toBeGreaterThan(0.3);
  });

  it("flattens the head with a Mandelbrot offset", () => {
    const rng = streamRng(5, "offset");
    const plain = zipf(1000, 1);
    const offset = zipf(1000, 1, 3);
    let a = 0;
    let b = 0;
    for (let i = 0; i < 20_000; i++) {
      if (plain.sample(rng) === 0) a++;
      if (offset.sample(rng) === 0) b++;
    }
    expect(b).toBeLessThan(a / 2);
  });

  it("shuffles into a permutation of every index", () => {
    const p = permutation(500, streamRng(1, "perm"));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
