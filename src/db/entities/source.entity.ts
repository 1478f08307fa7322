import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export interface SourceSettings {
  /** Fetch the article page when a feed item carries only a teaser. */
  fetchFullText?: boolean;
  /** Name of a JSON API mapping file (kind "api"). */
  mapping?: string;
  /** Fixed polling interval, overriding the adaptive one. */
  intervalSeconds?: number;
}

@Entity("source")
export class Source {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: "text" })
  url!: string;

  /** rss | rdf | atom | jsonfeed | sitemap | html | api; null until detected. */
  @Column({ type: "text", nullable: true })
  kind!: string | null;

  @Column({ type: "text" })
  name!: string;

  @Column({ type: "text", name: "site_url", nullable: true })
  siteUrl!: string | null;

  @Column({ type: "text", nullable: true })
  language!: string | null;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @Column({ type: "jsonb", default: {} })
  settings!: SourceSettings;

  @Column({ type: "text", nullable: true })
  etag!: string | null;

  @Column({ type: "text", name: "last_modified", nullable: true })
  lastModified!: string | null;

  @Column({ type: "timestamptz", name: "last_fetched_at", nullable: true })
  lastFetchedAt!: Date | null;

  @Column({ type: "timestamptz", name: "last_success_at", nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: "text", name: "last_error", nullable: true })
  lastError!: string | null;

  @Column({ type: "timestamptz", name: "last_error_at", nullable: true })
  lastErrorAt!: Date | null;

  @Column({ type: "int", name: "consecutive_errors", default: 0 })
  consecutiveErrors!: number;

  @Index()
  @Column({ type: "timestamptz", name: "next_fetch_at", nullable: true })
  nextFetchAt!: Date | null;

  @Column({ type: "int", name: "items_last_run", default: 0 })
  itemsLastRun!: number;

  /** Current adaptive polling interval. */
  @Column({ type: "int", name: "interval_seconds", default: 900 })
  intervalSeconds!: number;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt!: Date;
}
