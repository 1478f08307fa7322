/**
 * Gold entity mentions from the two third-party corpora, as token ranges over a text we
 * rebuild from their tokens (so predicted character spans can be mapped back).
 */
import { readCorpusFile, readCorpusJson } from "./corpus";

export type GoldClass = "person" | "country";

export interface GoldDoc {
  id: string;
  lang: "ar" | "en";
  text: string;
  /** Character range of each corpus token in `text`. */
  tokens: { start: number; end: number }[];
  gold: { cls: GoldClass; start: number; end: number }[];
  /** Named mentions the scheme leaves unscored (GUM people without a Wikipedia page): predictions on them are not counted. */
  ignore: { cls: GoldClass; start: number; end: number }[];
}

/** NewsFANE classes scored as person: the brief's list (Politician … Businessperson, every *_PER). */
export const NEWSFANE_PERSON = new Set(["Politician", "Athlete", "Artist", "Scientist", "Businessperson"]);
/** Further person subclasses of the NewsFANE taxonomy (Police, Lawyer, Engineer), reported apart. */
export const NEWSFANE_PERSON_EXTRA = new Set(["Police", "Lawyer", "Engineer"]);
export const NEWSFANE_COUNTRY = new Set(["Nation", "GPE-Cluster"]);

function newsfaneClass(tag: string, extended: boolean): GoldClass | undefined {
  if (NEWSFANE_COUNTRY.has(tag)) return "country";
  if (NEWSFANE_PERSON.has(tag) || tag.endsWith("_PER") || (extended && NEWSFANE_PERSON_EXTRA.has(tag))) return "person";
  return undefined;
}

/**
 * NewsFANE: one `token<TAB>BIO` per line, a lone tab between sentences. Each 50-sentence block
 * (the unit the corpus was split by) is one document, so in-document name memory stays local.
 */
export function loadNewsfane(extendedPerson = false): GoldDoc[] {
  const meta = readCorpusJson<{ file: string; block_size_sentences: number; blocks_in_this_file: number[] }>("newsfane-ar/blocks.json");
  const raw = readCorpusFile(`newsfane-ar/${meta.file}`).toString("utf8").replace(/^\ufeff/, "");
  const sentences: { tok: string; tag: string }[][] = [[]];
  for (const line of raw.split(/\r?\n/)) {
    const [tokRaw, tagRaw] = line.split("\t");
    const tok = (tokRaw ?? "").replace(/[\u200e\u200f]/g, "").trim();
    if (!tok) {
      if (sentences[sentences.length - 1].length > 0) sentences.push([]);
      continue;
    }
    sentences[sentences.length - 1].push({ tok, tag: (tagRaw ?? "O").trim() });
  }
  if (sentences[sentences.length - 1].length === 0) sentences.pop();
  const docs: GoldDoc[] = [];
  const size = meta.block_size_sentences;
  for (let b = 0; b * size < sentences.length; b++) {
    const block = sentences.slice(b * size, (b + 1) * size);
    docs.push(buildNewsfaneDoc(`block-${meta.blocks_in_this_file[b] ?? b}`, block, extendedPerson));
  }
  return docs;
}

function buildNewsfaneDoc(id: string, block: { tok: string; tag: string }[][], extended: boolean): GoldDoc {
  const doc: GoldDoc = { id, lang: "ar", text: "", tokens: [], gold: [], ignore: [] };
  let open: { cls: GoldClass; start: number; type: string } | undefined;
  const close = (end: number) => {
    if (open) doc.gold.push({ cls: open.cls, start: open.start, end });
    open = undefined;
  };
  for (const sentence of block) {
    for (const { tok, tag } of sentence) {
      if (doc.text.length > 0) doc.text += " ";
      const index = doc.tokens.length;
      doc.tokens.push({ start: doc.text.length, end: doc.text.length + tok.length });
      doc.text += tok;
      const [bio, type = ""] = [tag.slice(0, 1), tag.slice(2)];
      if (bio === "I" && open && open.type === type) continue;
      close(index);
      const cls = bio === "B" || bio === "I" ? newsfaneClass(type, extended) : undefined;
      if (cls) open = { cls, start: index, type };
    }
    close(doc.tokens.length);
    doc.text += "\n";
  }
  return doc;
}

interface ConlluToken {
  form: string;
  xpos: string;
  upos: string;
  spaceAfter: boolean;
  entity?: string;
}

interface OpenMention {
  group: string;
  etype: string;
  identity: string;
  start: number;
}

/** English country names of the knowledge base, for deciding which GUM place identities are countries. */
export type CountryLookup = (name: string) => string | undefined;

/**
 * GUM news: gold mentions are those of entities with a Wikipedia identity (on any of their
 * mentions), and — since the extractor finds names, not pronouns or descriptions — only
 * mentions with a proper noun. The scored span is the mention's proper-noun core: its PROPN
 * tokens minus those of nested mentions of other entities and minus leading titles.
 * Person = etype person except plural groups (NNPS: "Afghans", "Muslims"); country = etype
 * place whose identity is an ISO country. Named people without a Wikipedia identity (a
 * student, a spokesperson) are people all the same: they go to `ignore`, not to gold, so
 * finding them is neither rewarded nor penalised (the strict score counts them as errors).
 */
export function loadGum(countryOf: CountryLookup, isTitle: (w: string) => boolean): GoldDoc[] {
  const cases = readCorpusJson<{ cases: { id: string; conllu: string }[] }>("gum-news/cases.json").cases;
  return cases.map((c) => buildGumDoc(c.id, readCorpusFile(`gum-news/${c.conllu}`).toString("utf8"), countryOf, isTitle));
}

function parseConllu(text: string): ConlluToken[] {
  const out: ConlluToken[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const f = line.split("\t");
    if (f.length < 10 || !/^\d+$/.test(f[0])) continue;
    const misc = f[9];
    out.push({
      form: f[1],
      upos: f[3],
      xpos: f[4],
      spaceAfter: !/SpaceAfter=No/.test(misc),
      entity: /(?:^|\|)Entity=([^|]+)/.exec(misc)?.[1],
    });
  }
  return out;
}

function buildGumDoc(id: string, conllu: string, countryOf: CountryLookup, isTitle: (w: string) => boolean): GoldDoc {
  const toks = parseConllu(conllu);
  const doc: GoldDoc = { id, lang: "en", text: "", tokens: [], gold: [], ignore: [] };
  toks.forEach((t, i) => {
    doc.tokens.push({ start: doc.text.length, end: doc.text.length + t.form.length });
    doc.text += t.form + (t.spaceAfter || i === toks.length - 1 ? " " : "");
  });
  const mentions: { group: string; etype: string; start: number; end: number }[] = [];
  const identity = new Map<string, string>();
  const stack: OpenMention[] = [];
  toks.forEach((t, i) => {
    if (!t.entity) return;
    for (const m of t.entity.matchAll(/\(([^()]+)\)?|([^()]+)\)/g)) {
      if (m[1] !== undefined) {
        const f = m[1].split("-");
        const open: OpenMention = { group: f[0], etype: f[1], identity: f.slice(7).join("-"), start: i };
        if (open.identity) identity.set(open.group, open.identity);
        if (m[0].endsWith(")")) mentions.push({ ...open, end: i + 1 });
        else stack.push(open);
      } else {
        const group = m[2].split("-")[0];
        const k = stack.map((s) => s.group).lastIndexOf(group);
        if (k >= 0) mentions.push({ ...stack.splice(k, 1)[0], end: i + 1 });
      }
    }
  });
  for (const m of mentions) {
    const ident = identity.get(m.group);
    if (!ident && m.etype !== "person") continue;
    let cls: GoldClass | undefined;
    if (m.etype === "person") cls = "person";
    else if (m.etype === "place" && ident && countryOf(decodeURIComponent(ident).replace(/_/g, " "))) cls = "country";
    if (!cls) continue;
    const nested = mentions.filter((o) => o !== m && o.group !== m.group && o.start >= m.start && o.end <= m.end && !(o.start === m.start && o.end === m.end));
    const core: number[] = [];
    for (let i = m.start; i < m.end; i++) {
      if (toks[i].upos !== "PROPN") continue;
      if (nested.some((o) => i >= o.start && i < o.end)) continue;
      core.push(i);
    }
    while (core.length > 0 && isTitle(toks[core[0]].form)) core.shift();
    if (core.length === 0) continue;
    if (cls === "person" && core.every((i) => toks[i].xpos === "NNPS")) continue;
    // The core is the first contiguous run of proper nouns (a name, not "X of Y Party").
    let end = core[0] + 1;
    while (core.includes(end)) end++;
    (ident ? doc.gold : doc.ignore).push({ cls, start: core[0], end });
  }
  return doc;
}
