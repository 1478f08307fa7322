import { nameVariants, shippedNameVariants } from "../../src/graphql/loaders/name-variants";
import { simpleTsQuery } from "../../src/graphql/loaders/text-query";
import type { CountryEntry, PersonEntry } from "../../src/ingest/entities/kb.types";

const person = (id: string, en: string, ar: string, short: string[], extra: Partial<PersonEntry> = {}): PersonEntry => ({
  id, name: { en, ar }, short: { en: short.filter((s) => /[a-z]/i.test(s)), ar: short.filter((s) => !/[a-z]/i.test(s)) }, ...extra,
});
const ukraine: CountryEntry = {
  code: "UA", alpha3: "UKR", name: { en: "Ukraine", ar: "أوكرانيا" }, names: { en: ["Ukraine"], ar: ["أوكرانيا"] },
  capitals: { en: ["Kyiv", "Kiev"], ar: ["كييف", "كيف"] }, weak: ["كيف"],
};
const netherlands: CountryEntry = {
  code: "NL", alpha3: "NLD", name: { en: "Netherlands", ar: "هولندا" }, names: { en: ["Netherlands"], ar: ["هولندا"] },
  capitals: { en: ["Amsterdam", "The Hague"], ar: ["أمستردام", "لاهاي"] },
};

describe("nameVariants", () => {
  const variants = nameVariants({
    people: [
      person("lavrov", "Sergei Lavrov", "سيرجي لافروف", ["Lavrov", "لافروف"], { aliases: { en: ["Sergey Lavrov"], ar: ["سيرغي لافروف"] } }),
      person("johnson-a", "Boris Johnson", "بوريس جونسون", ["Johnson", "جونسون"]),
      person("johnson-b", "Mike Johnson", "مايك جونسون", ["Johnson", "جونسون"]),
      person("hassan", "Mohamad Hasan", "محمد حسن", [], { ambiguous: true }),
    ],
    countries: [ukraine, netherlands],
  });

  it("gives a known surname its spellings in the other script, and a full name its aliases", () => {
    expect(variants("Lavrov")).toEqual(["لافروف"]);
    expect(variants("لافروف")).toEqual(["Lavrov"]);
    expect(variants("sergey  LAVROV")).toEqual(["Sergei Lavrov", "سيرجي لافروف", "سيرغي لافروف"]);
  });

  it("expands nothing that names two people, an ambiguous person, or an unknown word", () => {
    expect(variants("Johnson")).toEqual([]);
    expect(variants("Mohamad Hasan")).toEqual([]);
    expect(variants("floods")).toEqual([]);
  });

  it("spells a capital's city in both scripts, without a second seat or a form that is a common word", () => {
    expect(variants("Kiev")).toEqual(["Kyiv", "كييف"]);
    expect(variants("Amsterdam")).toEqual(["أمستردام"]);
    expect(variants("The Hague")).toEqual([]);
  });
});

describe("simpleTsQuery with name variants", () => {
  it("or's a known word or phrase with its other spellings, keeping negation and plain words as they were", () => {
    const variants = shippedNameVariants();
    expect(simpleTsQuery("floods", variants)).toBe("'floods'");
    expect(simpleTsQuery("Zelenskyy", variants)).toMatch(/^\('zelenskyy' \| 'zelensky' \| .*'زيلينسكي'/);
    expect(simpleTsQuery("talks -Lavrov", variants)).toMatch(/^'talks' & !\(\('lavrov' \| \('لافروف'/);
    expect(simpleTsQuery("-Lavrov", variants)).toBeUndefined();
  });

  it("also matches an unquoted multi-word name as a whole (Kuala Lumpur → كوالالمبور)", () => {
    expect(simpleTsQuery("Kuala Lumpur", shippedNameVariants())).toMatch(/^\(\('kuala' & 'lumpur'\) \| \('كوالالمبور'/);
    expect(simpleTsQuery("Kuala Lumpur talks", shippedNameVariants())).toBe("'kuala' & 'lumpur' & 'talks'");
  });

  // Folding writes أ إ آ as ا, so لآلاف, الآلاف and لألمانيا are the forms لالاف, الالاف and لالمانيا in the index.
  it("keeps the forms that put ل or the article before a word folded to start with ال, which hamza'd words really take", () => {
    const terms = (q: string) => (simpleTsQuery(q) ?? "").match(/'[^']+'/g)?.map((t) => t.slice(1, -1)) ?? [];
    expect(terms("آلاف")).toEqual(expect.arrayContaining(["الاف", "لالاف", "الالاف", "بالالاف"]));
    expect(terms("ألمانيا")).toEqual(expect.arrayContaining(["المانيا", "لالمانيا", "والمانيا"]));
    expect(terms("ألماني")).toEqual(expect.arrayContaining(["الالماني", "والالماني"]));
  });
});
