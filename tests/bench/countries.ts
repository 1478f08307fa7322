import countries from "i18n-iso-countries";
import type { CountryName } from "../../bench/generate/world";

countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/ar.json"));

/** The country table as the seed migration fills it, without a database. */
export function countryNames(): CountryName[] {
  return Object.keys(countries.getAlpha2Codes()).sort().map((code) => ({
    code,
    en: countries.getName(code, "en") ?? code,
    ar: countries.getName(code, "ar") ?? code,
  }));
}
