import { Article } from "./article.entity";
import { ArticleImage } from "./article-image.entity";
import { ArticleSource } from "./article-source.entity";
import { Country } from "./country.entity";
import { Event } from "./event.entity";
import { ArticleCountry, ArticleEvent, ArticlePerson } from "./mention.entity";
import { Person } from "./person.entity";
import { Source } from "./source.entity";

export { Article, ArticleImage, ArticleSource, Country, Event, ArticleCountry, ArticleEvent, ArticlePerson, Person, Source };

export const ENTITIES = [Source, Article, ArticleImage, ArticleSource, Person, Country, Event, ArticlePerson, ArticleCountry, ArticleEvent];
