export type KbKind = "country" | "person" | "org" | "region";

type Row = Record<string, unknown>;

const isObj = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0;

function checkForms(row: Row, key: string, problems: string[]): void {
  const v = row[key];
  if (v === undefined) return;
  if (!isObj(v)) {
    problems.push(`"${key}" must be an object {en?: string[], ar?: string[]}, got ${JSON.stringify(v)}`);
    return;
  }
  for (const [lang, list] of Object.entries(v)) {
    if (lang !== "en" && lang !== "ar") problems.push(`"${key}.${lang}": only "en" and "ar" are allowed`);
    else if (!Array.isArray(list) || !list.every(isStr)) problems.push(`"${key}.${lang}" must be an array of non-empty strings`);
  }
}

function checkText(row: Row, key: string, required: ("en" | "ar")[], problems: string[]): void {
  const v = row[key];
  if (v === undefined && required.length === 0) return;
  if (!isObj(v)) {
    problems.push(`"${key}" must be an object {en, ar}, got ${JSON.stringify(v)}`);
    return;
  }
  for (const lang of required) if (!isStr(v[lang])) problems.push(`"${key}.${lang}" is required`);
  for (const [lang, s] of Object.entries(v)) if (typeof s !== "string") problems.push(`"${key}.${lang}" must be a string`);
}

function checkCountry(row: Row, problems: string[]): void {
  if (typeof row.code !== "string" || !/^[A-Z]{2}$/.test(row.code)) problems.push(`"code" must be ISO alpha-2, got ${JSON.stringify(row.code)}`);
  if (typeof row.alpha3 !== "string" || !/^[A-Z]{3}$/.test(row.alpha3)) problems.push(`"alpha3" must be ISO alpha-3, got ${JSON.stringify(row.alpha3)}`);
  checkText(row, "name", ["en", "ar"], problems);
  for (const k of ["names", "demonyms", "capitals", "metonyms"]) checkForms(row, k, problems);
  if (row.cities !== undefined) {
    if (!Array.isArray(row.cities)) problems.push(`"cities" must be an array`);
    else row.cities.forEach((c, i) => {
      if (!isObj(c)) problems.push(`"cities[${i}]" must be an object`);
      else if (!(Array.isArray(c.en) && c.en.every(isStr)) && !(Array.isArray(c.ar) && c.ar.every(isStr))) {
        problems.push(`"cities[${i}]" needs en or ar forms`);
      }
    });
  }
  if (row.weak !== undefined && !(Array.isArray(row.weak) && row.weak.every(isStr))) problems.push(`"weak" must be an array of strings`);
}

function checkPerson(row: Row, problems: string[]): void {
  if (!isStr(row.id) || !/^[a-z0-9][a-z0-9:._-]*$/.test(row.id)) problems.push(`"id" must be a lower-case slug, got ${JSON.stringify(row.id)}`);
  // Curated rows carry both scripts; a person found in text may be known in one script only.
  const unverified = row.status === "unverified";
  checkText(row, "name", unverified ? [] : ["en", "ar"], problems);
  if (unverified && isObj(row.name) && !isStr(row.name.en) && !isStr(row.name.ar)) problems.push(`"name" needs en or ar`);
  checkForms(row, "aliases", problems);
  checkForms(row, "short", problems);
  checkText(row, "description", [], problems);
  if (row.wikidata !== undefined && row.wikidata !== "" && !(typeof row.wikidata === "string" && /^Q[1-9]\d*$/.test(row.wikidata))) {
    problems.push(`"wikidata" must be a Q-number or empty, got ${JSON.stringify(row.wikidata)}`);
  }
  if (row.country !== undefined && !(typeof row.country === "string" && /^[A-Z]{2}$/.test(row.country))) {
    problems.push(`"country" must be ISO alpha-2, got ${JSON.stringify(row.country)}`);
  }
  if (row.ambiguous !== undefined && typeof row.ambiguous !== "boolean") problems.push(`"ambiguous" must be true or false`);
  if (row.ambiguous === true && row.country === undefined) problems.push(`"ambiguous" needs "country", the context that confirms the person`);
}

function checkOrg(row: Row, problems: string[]): void {
  if (!isStr(row.id) || !/^[a-z0-9][a-z0-9:._-]*$/.test(row.id)) problems.push(`"id" must be a lower-case slug, got ${JSON.stringify(row.id)}`);
  checkText(row, "name", [], problems);
  if (isObj(row.name) && !isStr(row.name.en) && !isStr(row.name.ar)) problems.push(`"name" needs en or ar`);
  checkForms(row, "aliases", problems);
}

/** Problems with one knowledge-base row (empty when it is valid). */
export function validateKbRow(kind: KbKind, row: unknown): string[] {
  if (!isObj(row)) return [`expected a JSON object, got ${Array.isArray(row) ? "array" : typeof row}`];
  const problems: string[] = [];
  if (kind === "country") checkCountry(row, problems);
  else if (kind === "person") checkPerson(row, problems);
  else checkOrg(row, problems);
  if (kind === "region" && !["region", "continent", "historical"].includes(String(row.kind))) {
    problems.push(`"kind" must be "region", "continent" or "historical", got ${JSON.stringify(row.kind)}`);
  }
  return problems;
}
