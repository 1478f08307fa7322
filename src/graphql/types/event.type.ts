import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { Entity, Node } from "./node.type";

@ObjectType({ implements: [Node, Entity], description: "One story, across sources and languages." })
export class Event extends Entity {
  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field({ description: "First article's time." })
  startsAt!: Date;

  @Field({ description: "Latest article's time." })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: "City where it happened, when known." })
  city!: string | null;

  @Field(() => Int)
  articleCount!: number;

  @Field(() => Int, { description: "Distinct sources (syndicated copies counted once)." })
  sourceCount!: number;

  @Field(() => [String])
  languages!: string[];
}

export const EventConnection = Connection(Event, "Event");
