import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("country")
export class Country {
  /** ISO 3166-1 alpha-2, upper case. */
  @PrimaryColumn({ type: "char", length: 2 })
  code!: string;

  @Column({ type: "char", length: 3 })
  alpha3!: string;

  @Column({ type: "text", name: "name_en" })
  nameEn!: string;

  @Column({ type: "text", name: "name_ar" })
  nameAr!: string;

  /** Names in further languages, keyed by language code. */
  @Column({ type: "jsonb", default: {} })
  names!: Record<string, string>;

  @Column({ type: "int", name: "mention_count", default: 0 })
  mentionCount!: number;

  /** Normalised names and aliases, for trigram search. */
  @Column({ type: "text", name: "search_text", default: "" })
  searchText!: string;
}
