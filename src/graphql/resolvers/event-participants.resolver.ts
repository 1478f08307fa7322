import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { badInput } from "../errors";
import type { CountryRow, EventRow, PersonRow } from "../loaders/columns";
import { Event, EventParticipant } from "../types/event.type";
import { EntityKind } from "../types/relations.type";
import { validFirst } from "../validate";
import { pageCost } from "./entity-articles";

interface ParticipantRoot { entity: PersonRow | CountryRow; articleCount: number }

/** Which participant kinds were asked for; an event's participants are people and countries, never events. */
export function participantKinds(kinds: EntityKind[] | null | undefined): { people: boolean; countries: boolean } {
  if (!kinds || kinds.length === 0) return { people: true, countries: true };
  if (kinds.includes(EntityKind.EVENT)) throw badInput("kinds", "an event's participants are PERSON and COUNTRY entities, got EVENT");
  return { people: kinds.includes(EntityKind.PERSON), countries: kinds.includes(EntityKind.COUNTRY) };
}

/** Most articles first; on a tie people before countries, then by id, so pages are stable. */
export function rankParticipants(list: ParticipantRoot[]): ParticipantRoot[] {
  const tieKey = (p: ParticipantRoot) => (p.entity.__typename === "Person" ? `0:${String(p.entity.id).padStart(12, "0")}` : `1:${p.entity.code}`);
  return list.sort((a, b) => b.articleCount - a.articleCount || (tieKey(a) < tieKey(b) ? -1 : 1));
}

@Resolver(() => Event)
export class EventParticipantsResolver {
  @FieldResolver(() => [EventParticipant], {
    description: "People and countries taking part, by how many of the event's distinct articles name them (both kinds unless `kinds` narrows them).",
    complexity: pageCost,
  })
  async participants(
    @Root() e: EventRow,
    @Ctx() ctx: Context,
    @Arg("kinds", () => [EntityKind], { nullable: true, description: "PERSON and/or COUNTRY." }) kinds: EntityKind[] | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ): Promise<ParticipantRoot[]> {
    const n = validFirst(first, ctx.config.maxFirst);
    const want = participantKinds(kinds);
    const [people, countries] = await Promise.all([
      want.people ? ctx.loaders.peopleOfEvent.load(e.id) : [],
      want.countries ? ctx.loaders.countriesOfEvent.load(e.id) : [],
    ]);
    const all: ParticipantRoot[] = [...people, ...countries].map((m) => ({ entity: m.row, articleCount: m.count }));
    return rankParticipants(all).slice(0, n);
  }
}
