import { encodeCursor } from "../cursor";
import type { ConnectionResult } from "../types/connection.type";

/** Turns `first + 1` rows into a page: the extra row only tells whether there is a next page. */
export function toConnection<T extends { id: number }>(
  rows: T[],
  first: number,
  keyOf: (row: T) => Date,
  totalCount: () => Promise<number>,
): ConnectionResult<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor({ at: keyOf(node), id: node.id }) }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}
