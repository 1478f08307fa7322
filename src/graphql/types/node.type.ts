import { Arg, Field, ID, Int, InterfaceType } from "type-graphql";

/** Rows carry their GraphQL type name so interfaces resolve without class instances. */
export interface Typed { __typename: string }

@InterfaceType({ description: "An object with a global id (Relay).", resolveType: (value: Typed) => value.__typename })
export abstract class Node {
  @Field(() => ID, { description: "Global id; pass it to `node(id)` or to filters." })
  id!: string;
}

@InterfaceType({
  implements: Node,
  description: "Something articles mention: a person, a country or an event.",
  resolveType: (value: Typed) => value.__typename,
})
export abstract class Entity extends Node {
  @Field(() => String, { description: "Name in `lang`, falling back to English, then Arabic." })
  name(@Arg("lang", () => String, { nullable: true, description: "ISO 639-1 code, e.g. \"ar\" or \"en\"." }) _lang?: string): string {
    throw new Error("Entity.name: resolved by the implementing type");
  }

  @Field(() => Int, { description: "Articles mentioning it." })
  mentionCount!: number;
}
