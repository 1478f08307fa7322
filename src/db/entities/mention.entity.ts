import { Column, Entity, PrimaryColumn } from "typeorm";

/** Mention rows carry the article's published_at so entity pages paginate on one index. */
@Entity("article_person")
export class ArticlePerson {
  @PrimaryColumn({ type: "int", name: "article_id" })
  articleId!: number;

  @PrimaryColumn({ type: "int", name: "person_id" })
  personId!: number;

  @Column({ type: "int", default: 1 })
  count!: number;

  @Column({ type: "real", default: 0 })
  salience!: number;

  @Column({ type: "int", name: "first_offset", default: 0 })
  firstOffset!: number;

  @Column({ type: "timestamptz", name: "published_at" })
  publishedAt!: Date;
}

@Entity("article_country")
export class ArticleCountry {
  @PrimaryColumn({ type: "int", name: "article_id" })
  articleId!: number;

  @PrimaryColumn({ type: "char", length: 2, name: "country_code" })
  countryCode!: string;

  @Column({ type: "int", default: 1 })
  count!: number;

  @Column({ type: "real", default: 0 })
  salience!: number;

  @Column({ type: "int", name: "first_offset", default: 0 })
  firstOffset!: number;

  @Column({ type: "timestamptz", name: "published_at" })
  publishedAt!: Date;
}

@Entity("article_event")
export class ArticleEvent {
  @PrimaryColumn({ type: "int", name: "article_id" })
  articleId!: number;

  @PrimaryColumn({ type: "int", name: "event_id" })
  eventId!: number;

  @Column({ type: "int", default: 1 })
  count!: number;

  @Column({ type: "real", default: 0 })
  salience!: number;

  @Column({ type: "timestamptz", name: "published_at" })
  publishedAt!: Date;
}
