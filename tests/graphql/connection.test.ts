import { LazyConnection, toConnection } from "../../src/graphql/resolvers/connection";

const rows = [1, 2, 3].map((id) => ({ id, publishedAt: new Date(Date.UTC(2026, 10, id)) }));

describe("toConnection", () => {
  it("keeps the first rows as the page and uses the extra row only for hasNextPage", () => {
    const page = toConnection(rows, 2, (r) => r.publishedAt, async () => 3);
    expect(page.nodes.map((n) => n.id)).toEqual([1, 2]);
    expect(page.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(toConnection(rows, 3, (r) => r.publishedAt, async () => 3).pageInfo.hasNextPage).toBe(false);
  });

  it("runs the count only when totalCount is read, once per read", async () => {
    const count = jest.fn(async () => 42);
    const page = toConnection(rows, 2, (r) => r.publishedAt, count);
    expect(count).not.toHaveBeenCalled();
    await expect(page.totalCount).resolves.toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });

  // An own getter per page gave every page a hidden class of its own, which kept the request alive until a full GC.
  it("reads totalCount through the class, so a page holds no getter of its own", () => {
    const page = toConnection(rows, 2, (r) => r.publishedAt, async () => 3);
    expect(page).toBeInstanceOf(LazyConnection);
    expect(Object.getOwnPropertyDescriptor(page, "totalCount")).toBeUndefined();
    expect(typeof Object.getOwnPropertyDescriptor(LazyConnection.prototype, "totalCount")?.get).toBe("function");
  });
});
