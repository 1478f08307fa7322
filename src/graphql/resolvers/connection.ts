import { encodeCursor } from "../cursor";
import type { ConnectionResult, Edge } from "../types/connection.type";

/** An edge whose cursor is encoded only when it is read: most pages ask for the end cursor at most. */
class KeysetEdge<T extends { id: number }> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => Date,
  ) {}

  get cursor(): string {
    return encodeCursor({ at: this.keyOf(this.node), id: this.node.id });
  }
}

/** Page information over the edges, with cursors read from them on demand. */
class KeysetPageInfo<T> {
  readonly hasPreviousPage = false;

  constructor(
    private readonly edges: Edge<T>[],
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/**
 * A page whose `totalCount` runs its COUNT only when read. The getter lives on the class: a getter
 * in an object literal gets a hidden class of its own per call, and that old-generation map kept
 * the whole request (rows, loaders, context) alive until the next full GC.
 */
export class LazyConnection<T> implements ConnectionResult<T> {
  constructor(
    readonly edges: Edge<T>[],
    readonly nodes: T[],
    readonly pageInfo: ConnectionResult<T>["pageInfo"],
    private readonly count: () => Promise<number>,
  ) {}

  get totalCount(): Promise<number> {
    return this.count();
  }
}

/** Turns `first + 1` rows into a page: the extra row only tells whether there is a next page. */
export function toConnection<T extends { id: number }>(
  rows: T[],
  first: number,
  keyOf: (row: T) => Date,
  totalCount: () => Promise<number>,
): ConnectionResult<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => new KeysetEdge(node, keyOf));
  return new LazyConnection(edges, page, new KeysetPageInfo(edges, rows.length > first), totalCount);
}
