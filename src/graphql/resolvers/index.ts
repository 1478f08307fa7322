import { ArticleResolver } from "./article.resolver";
import { CountryResolver } from "./country.resolver";
import { EventResolver } from "./event.resolver";
import { NodeResolver } from "./node.resolver";
import { PersonResolver } from "./person.resolver";
import { SourceResolver } from "./source.resolver";

export const RESOLVERS = [ArticleResolver, PersonResolver, CountryResolver, EventResolver, SourceResolver, NodeResolver] as const;
