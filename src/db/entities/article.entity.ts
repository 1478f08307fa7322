import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export interface StoredLink {
  url: string;
  title: string;
  teaser?: string;
  category?: string;
  imageUrl?: string;
  imageAlt?: string;
}

@Entity("article")
export class Article {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The source the article was first seen on; others are in article_source. */
  @Column({ type: "int", name: "source_id" })
  sourceId!: number;

  @Column({ type: "text" })
  url!: string;

  /** Canonical URL with tracking parameters and fragment stripped; the article's identity across sources. */
  @Column({ type: "text", name: "canonical_url", unique: true })
  canonicalUrl!: string;

  @Column({ type: "text", nullable: true })
  guid!: string | null;

  @Column({ type: "text" })
  title!: string;

  @Column({ type: "text", nullable: true })
  summary!: string | null;

  @Column({ type: "text", name: "body_html", default: "" })
  bodyHtml!: string;

  @Column({ type: "text", name: "body_text", default: "" })
  bodyText!: string;

  @Column({ type: "text", default: "und" })
  language!: string;

  @Column({ type: "text", default: "ltr" })
  direction!: string;

  /** Publication time; the fetch time when the source gives none. Keyset pagination runs on (published_at, id). */
  @Column({ type: "timestamptz", name: "published_at" })
  publishedAt!: Date;

  @Column({ type: "timestamptz", name: "updated_at", nullable: true })
  updatedAt!: Date | null;

  @Column({ type: "timestamptz", name: "fetched_at" })
  fetchedAt!: Date;

  /** The source's own section label ("العالم", "World"). */
  @Column({ type: "text", name: "source_category", nullable: true })
  sourceCategory!: string | null;

  /** Shared category id (IPTC Media Topics top level). */
  @Column({ type: "text", name: "category", nullable: true })
  category!: string | null;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  authors!: string[];

  @Column({ type: "text", array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: "text", name: "site_name", nullable: true })
  siteName!: string | null;

  /** sha256 of the normalised title and body text. */
  @Column({ type: "text", name: "content_hash" })
  contentHash!: string;

  @Column({ type: "int", name: "word_count", default: 0 })
  wordCount!: number;

  @Column({ type: "jsonb", name: "see_also", default: [] })
  seeAlso!: StoredLink[];

  @Column({ type: "jsonb", name: "related_links", default: [] })
  relatedLinks!: StoredLink[];

  /** Set on near-duplicates (syndicated copies): the article they copy. */
  @Column({ type: "int", name: "original_id", nullable: true })
  originalId!: number | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "modified_at" })
  modifiedAt!: Date;
}
