import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { Entity, Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: [Node, Entity], description: "One story, across sources and languages." })
export class Event extends Entity {
  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field({ description: "First article's time." })
  startsAt!: Date;

  @Field({ description: "Latest article's time." })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: "City where it happened, when known." })
  city!: string | null;

  @Field(() => Int, { description: "Distinct articles; near-duplicates (reprints) are counted in duplicateCount instead." })
  articleCount!: number;

  @Field(() => Int, { description: "Near-duplicates (syndicated copies, reprints) attached to the event." })
  duplicateCount!: number;

  @Field(() => Int, { description: "Distinct sources (syndicated copies counted once)." })
  sourceCount!: number;

  @Field(() => [String])
  languages!: string[];
}

export const EventConnection = Connection(Event, "Event");

@ObjectType({ simpleResolvers: true, description: "A person or country taking part in an event, with how many of its articles name them." })
export class EventParticipant {
  @Field(() => Entity, { description: "The Person or Country." })
  entity!: Entity;

  @Field(() => Int, { description: "Distinct articles of the event naming it (near-duplicates counted once)." })
  articleCount!: number;
}
