import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** Every source an article was seen on, with the URL and guid it had there. */
@Entity("article_source")
export class ArticleSource {
  @PrimaryColumn({ type: "int", name: "article_id" })
  articleId!: number;

  @PrimaryColumn({ type: "int", name: "source_id" })
  sourceId!: number;

  @Column({ type: "text" })
  url!: string;

  @Column({ type: "text", nullable: true })
  guid!: string | null;

  /** The article's published_at, so a source's articles paginate on one index. */
  @Column({ type: "timestamptz", name: "published_at" })
  publishedAt!: Date;

  @CreateDateColumn({ type: "timestamptz", name: "first_seen_at" })
  firstSeenAt!: Date;
}
