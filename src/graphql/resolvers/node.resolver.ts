import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { fromGlobalId } from "../global-id";
import { Node } from "../types/node.type";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id." })
  async node(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<unknown> {
    const { type, key } = fromGlobalId(id);
    const l = ctx.loaders;
    switch (type) {
      case "Article": return l.article.load(Number(key));
      case "Person": return l.person.load(Number(key));
      case "Event": return l.event.load(Number(key));
      case "Source": return l.source.load(Number(key));
      case "Country": return /^[A-Z]{2}$/.test(key) ? l.country.load(key) : null;
    }
  }
}
