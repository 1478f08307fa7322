import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

@Entity("person")
export class Person {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Display names keyed by language code ("en", "ar", …). */
  @Column({ type: "jsonb", default: {} })
  names!: Record<string, string>;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  aliases!: string[];

  @Index({ unique: true, where: "wikidata_id IS NOT NULL" })
  @Column({ type: "text", name: "wikidata_id", nullable: true })
  wikidataId!: string | null;

  /** Short description keyed by language code. */
  @Column({ type: "jsonb", default: {} })
  description!: Record<string, string>;

  @Column({ type: "char", length: 2, name: "country_code", nullable: true })
  countryCode!: string | null;

  /** False for people found in text and not yet confirmed by the knowledge base or a curator. */
  @Column({ type: "boolean", default: true })
  verified!: boolean;

  /** Cross-script transliteration key, for identity matching. */
  @Index()
  @Column({ type: "text", name: "translit_key", nullable: true })
  translitKey!: string | null;

  /** Key of the knowledge-base row this person came from, if any. */
  @Index({ unique: true, where: "kb_id IS NOT NULL" })
  @Column({ type: "text", name: "kb_id", nullable: true })
  kbId!: string | null;

  @Column({ type: "int", name: "mention_count", default: 0 })
  mentionCount!: number;

  /** Normalised names and aliases, for trigram search. */
  @Column({ type: "text", name: "search_text", default: "" })
  searchText!: string;

  /** Set when a curator merged this person into another; such rows are hidden. */
  @Column({ type: "int", name: "merged_into_id", nullable: true })
  mergedIntoId!: number | null;

  @CreateDateColumn({ type: "timestamptz", name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ type: "timestamptz", name: "updated_at" })
  updatedAt!: Date;
}
