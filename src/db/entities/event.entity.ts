import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

@Entity("event")
export class Event {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Title per language code. */
  @Column({ type: "jsonb", default: {} })
  titles!: Record<string, string>;

  @Column({ type: "text", nullable: true })
  summary!: string | null;

  @Index()
  @Column({ type: "timestamptz", name: "starts_at" })
  startsAt!: Date;

  @Column({ type: "timestamptz", name: "ends_at" })
  endsAt!: Date;

  @Column({ type: "char", length: 2, name: "country_code", nullable: true })
  countryCode!: string | null;

  @Column({ type: "text", nullable: true })
  city!: string | null;

  @Column({ type: "int", name: "article_count", default: 0 })
  articleCount!: number;

  @Column({ type: "int", name: "source_count", default: 0 })
  sourceCount!: number;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  languages!: string[];

  /** Clustering state (entity weights, term vectors); not served. */
  @Column({ type: "jsonb", default: {} })
  centroid!: Record<string, unknown>;

  @Column({ type: "int", name: "merged_into_id", nullable: true })
  mergedIntoId!: number | null;

  @Column({ type: "text", name: "search_text", default: "" })
  searchText!: string;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt!: Date;
}
