import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import {
  CurationError,
  addAlias,
  dismissMergeSuggestion,
  listMergeSuggestions,
  mergePeople,
  removeAlias,
  setWikidataId,
  type IdLabel,
  type SuggestionRow,
} from "../../ingest/curation";
import type { Context } from "../context";
import { badInput } from "../errors";
import { numericIdOf, toGlobalId } from "../global-id";
import { PERSON_COLUMNS, type PersonRow } from "../loaders/columns";
import { Person } from "../types/person.type";
import { validFirst } from "../validate";

@ObjectType({ simpleResolvers: true, description: "Two people the linker thinks may be one (admin)." })
class MergeSuggestion {
  @Field(() => Float, { description: "0–1." })
  confidence!: number;

  @Field({ description: "Why, e.g. the name comparison that fired." })
  reason!: string;

  @Field()
  createdAt!: Date;
}

const label: IdLabel = (id) => `person ${toGlobalId("Person", id)}`;

/** Curation errors are the client's: BAD_USER_INPUT naming the argument. */
async function curated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CurationError) throw badInput(err.argument, err.detail);
    throw err;
  }
}

/** The person as stored now (the request's loaders may hold the row from before the change). */
async function freshPerson(ctx: Context, id: number): Promise<PersonRow> {
  const [row] = await ctx.db.query(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1`, [id]);
  if (!row) throw new Error(`curation.resolver: person ${id} vanished after a change`);
  ctx.loaders.person.clear(id).prime(id, row);
  return row;
}

/** After a change the response cache and every cached read go stale together. */
async function changed(ctx: Context, id: number): Promise<PersonRow> {
  await ctx.cache.bumpGeneration();
  return freshPerson(ctx, id);
}

@Resolver()
export class CurationResolver {
  @Authorized("admin")
  @Mutation(() => Person, {
    description:
      "Merges people into `into` (admin): mentions move (an article naming both keeps one mention with the counts summed), mention counts and " +
      "co-mention rollups follow, names and aliases are pooled, a Wikidata id held by one side is kept (two different ones are refused), and the " +
      "merged ids keep resolving to `into`.",
  })
  async mergePeople(
    @Ctx() ctx: Context,
    @Arg("into", () => ID) into: string,
    @Arg("from", () => [ID], { description: "1–20 people to merge into `into`." }) from: string[],
  ): Promise<PersonRow> {
    const intoId = numericIdOf(into, "Person", "into");
    const fromIds = from.map((id, i) => numericIdOf(id, "Person", `from[${i}]`));
    await curated(() => mergePeople(ctx.db, intoId, fromIds, label));
    return changed(ctx, intoId);
  }

  @Authorized("admin")
  @Mutation(() => Person, { description: "Adds a spelling of the person's name (admin); one they already have changes nothing." })
  async addAlias(@Ctx() ctx: Context, @Arg("person", () => ID) person: string, @Arg("alias") alias: string): Promise<PersonRow> {
    const id = numericIdOf(person, "Person", "person");
    const added = await curated(() => addAlias(ctx.db, id, alias, label));
    return added ? changed(ctx, id) : freshPerson(ctx, id);
  }

  @Authorized("admin")
  @Mutation(() => Person, { description: "Removes one of the person's aliases (admin)." })
  async removeAlias(@Ctx() ctx: Context, @Arg("person", () => ID) person: string, @Arg("alias") alias: string): Promise<PersonRow> {
    const id = numericIdOf(person, "Person", "person");
    await curated(() => removeAlias(ctx.db, id, alias, label));
    return changed(ctx, id);
  }

  @Authorized("admin")
  @Mutation(() => Person, { description: "Sets the person's Wikidata item id, e.g. \"Q7747\", or clears it with null (admin). Ids are unique across people." })
  async setWikidataId(
    @Ctx() ctx: Context,
    @Arg("person", () => ID) person: string,
    @Arg("wikidataId", () => String, { nullable: true }) wikidataId: string | null,
  ): Promise<PersonRow> {
    const id = numericIdOf(person, "Person", "person");
    await curated(() => setWikidataId(ctx.db, id, wikidataId ?? null, label));
    return changed(ctx, id);
  }

  @Authorized("admin")
  @Mutation(() => Boolean, { description: "Dismisses a merge suggestion between two people (admin): they are not the same. False when there was none." })
  async dismissMergeSuggestion(@Ctx() ctx: Context, @Arg("person", () => ID) person: string, @Arg("other", () => ID) other: string): Promise<boolean> {
    const done = await dismissMergeSuggestion(ctx.db, numericIdOf(person, "Person", "person"), numericIdOf(other, "Person", "other"));
    if (done) await ctx.cache.bumpGeneration();
    return done;
  }

  @Authorized("admin")
  @Query(() => [MergeSuggestion], { description: "Pending merge suggestions between people, most confident first (admin)." })
  mergeSuggestions(@Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 20, description: "1–100." }) first: number): Promise<SuggestionRow[]> {
    return listMergeSuggestions(ctx.db, validFirst(first, ctx.config.maxFirst));
  }
}

@Resolver(() => MergeSuggestion)
export class MergeSuggestionResolver {
  @FieldResolver(() => Person, { description: "The person found in text." })
  async person(@Root() s: SuggestionRow, @Ctx() ctx: Context): Promise<PersonRow | null> {
    return ctx.loaders.person.load(s.personId);
  }

  @FieldResolver(() => Person, { description: "The known person it may be." })
  async other(@Root() s: SuggestionRow, @Ctx() ctx: Context): Promise<PersonRow | null> {
    return ctx.loaders.person.load(s.otherId);
  }
}

export const CURATION_RESOLVERS = [CurationResolver, MergeSuggestionResolver] as const;
