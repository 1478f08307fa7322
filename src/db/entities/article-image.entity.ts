import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("article_image")
export class ArticleImage {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "int", name: "article_id" })
  articleId!: number;

  @Column({ type: "int" })
  position!: number;

  @Column({ type: "text" })
  url!: string;

  @Column({ type: "text", nullable: true })
  alt!: string | null;

  @Column({ type: "text", nullable: true })
  caption!: string | null;

  /** Photographer / agency, split from the caption. */
  @Column({ type: "text", nullable: true })
  credit!: string | null;

  @Column({ type: "int", nullable: true })
  width!: number | null;

  @Column({ type: "int", nullable: true })
  height!: number | null;
}
