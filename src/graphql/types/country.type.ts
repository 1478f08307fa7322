import { Field, ObjectType } from "type-graphql";
import { Entity, Node } from "./node.type";

@ObjectType({ simpleResolvers: true, implements: [Node, Entity], description: "A country (ISO 3166-1)." })
export class Country extends Entity {
  @Field({ description: "ISO 3166-1 alpha-2 code, e.g. \"RU\"." })
  code!: string;

  @Field({ description: "ISO 3166-1 alpha-3 code, e.g. \"RUS\"." })
  alpha3!: string;
}
