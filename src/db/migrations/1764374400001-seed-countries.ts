import { MigrationInterface, QueryRunner } from "typeorm";
import countries from "i18n-iso-countries";
import worldCountries from "world-countries";

// The package ships its locale data as JSON; registering is required before lookups.
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/ar.json"));

/** world-countries keys its translations by ISO 639-3; we serve ISO 639-1 codes. */
const LANGS: Record<string, string> = {
  ara: "ar", fra: "fr", deu: "de", spa: "es", rus: "ru", zho: "zh", per: "fa", tur: "tr", urd: "ur",
  jpn: "ja", kor: "ko", ita: "it", por: "pt", nld: "nl", pol: "pl", swe: "sv", fin: "fi", ces: "cs", hun: "hu",
};

interface Row { code: string; alpha3: string; name_en: string; name_ar: string; names: Record<string, string> }

function countryRows(): Row[] {
  const common = new Map(worldCountries.map((c) => [c.cca2, c]));
  return Object.keys(countries.getAlpha2Codes()).sort().map((code) => {
    const wc = common.get(code);
    const names: Record<string, string> = { en: wc?.name.common ?? countries.getName(code, "en")! };
    for (const [iso3, iso1] of Object.entries(LANGS)) {
      const t = (wc?.translations as Record<string, { common: string }> | undefined)?.[iso3]?.common;
      if (t) names[iso1] = t;
    }
    names.ar ??= countries.getName(code, "ar") ?? names.en;
    return { code, alpha3: countries.alpha2ToAlpha3(code)!, name_en: names.en, name_ar: names.ar, names };
  });
}

export class SeedCountries1764374400001 implements MigrationInterface {
  name = "SeedCountries1764374400001";

  async up(q: QueryRunner): Promise<void> {
    const rows = countryRows();
    const broken = rows.filter((r) => !r.alpha3 || !r.name_en || !r.name_ar);
    if (broken.length) throw new Error(`seed-countries: incomplete country data for ${broken.map((r) => r.code).join(", ")}`);
    await q.query(
      `INSERT INTO country (code, alpha3, name_en, name_ar, names, search_text)
       SELECT r.code, r.alpha3, r.name_en, r.name_ar, r.names, khabar_fold(r.name_en || ' ' || r.name_ar || ' ' || r.alpha3)
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, alpha3 text, name_en text, name_ar text, names jsonb)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM country WHERE NOT EXISTS (SELECT 1 FROM article_country ac WHERE ac.country_code = country.code)`);
  }
}
