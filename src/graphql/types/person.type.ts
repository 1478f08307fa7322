import { Field, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { Entity, Node } from "./node.type";

@ObjectType({ simpleResolvers: true, description: "A name in one language." })
export class LocalizedName {
  @Field()
  lang!: string;

  @Field()
  value!: string;
}

@ObjectType({ simpleResolvers: true, implements: [Node, Entity], description: "A person, one identity across scripts and spellings." })
export class Person extends Entity {
  @Field(() => [String], { description: "Other spellings and forms of the name, all scripts." })
  aliases!: string[];

  @Field(() => String, { nullable: true })
  wikidataId!: string | null;

  @Field({ description: "False for people found in text and not yet confirmed." })
  verified!: boolean;
}

export const PersonConnection = Connection(Person, "Person");
