import { ClassType, Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Relay page information." })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: "Always false: pagination runs forward only (keyset)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> { cursor: string; node: T }

/** What a connection resolver returns; `totalCount` is a getter, so its COUNT runs only when selected. */
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    // Wrappers cost nothing themselves: the connection's `first` already multiplies the node cost.
    @Field(() => [EdgeType], { complexity: ({ childComplexity }) => childComplexity })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: "The nodes of `edges`, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { complexity: 0 })
    pageInfo!: PageInfo;

    // A lazy getter's promise: graphql-jit awaits what a resolver returns, never a bare property.
    @Field(() => Int, { description: "Matches across all pages (costs one COUNT).", complexity: 1, simple: false })
    totalCount!: number;
  }
  return ConnectionType;
}
