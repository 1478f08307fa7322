import { AdminResolver } from "./admin.resolver";
import { ArticleRelationsResolver } from "./article-relations.resolver";
import { ArticleResolver } from "./article.resolver";
import { CategoryResolver } from "./category.resolver";
import { CountryResolver } from "./country.resolver";
import { CURATION_RESOLVERS } from "./curation.resolver";
import { EventParticipantsResolver } from "./event-participants.resolver";
import { EventResolver } from "./event.resolver";
import { NodeResolver } from "./node.resolver";
import { PersonResolver } from "./person.resolver";
import { RELATIONS_RESOLVERS } from "./relations.resolver";
import { SourceResolver } from "./source.resolver";

export const RESOLVERS = [
  ArticleResolver,
  PersonResolver,
  CountryResolver,
  CategoryResolver,
  EventResolver,
  EventParticipantsResolver,
  SourceResolver,
  NodeResolver,
  AdminResolver,
  // Entity graph: relations queries, article relations, analysts' curation of people.
  ...RELATIONS_RESOLVERS,
  ArticleRelationsResolver,
  ...CURATION_RESOLVERS,
] as const;
