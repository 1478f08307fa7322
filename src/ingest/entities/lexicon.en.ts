/**
 * English cues for people the knowledge base does not hold. Given names and the common-word
 * vocabulary come from compromise's lexicon (loaded once, lazily); titles and reporting
 * verbs are listed here.
 */
const words = (text: string): Set<string> => new Set(text.split(/\s+/).filter(Boolean));

/** Titles and honorifics written before a name (lower-cased, periods dropped). */
export const EN_TITLES = words(`
president vice prime minister secretary chancellor king queen prince princess sheikh emir crown pope
ayatollah imam general gen lt col maj capt adm sgt cpl pvt brig colonel major captain admiral
sergeant lieutenant commander chief dr doctor mr mrs ms miss mx sir dame lord lady sen senator rep
representative gov governor mayor judge justice prof professor rev reverend father bishop archbishop
cardinal rabbi ambassador envoy commissioner chairman chairwoman chairperson chair ceo director
spokesman spokeswoman spokesperson coach manager striker midfielder defender goalkeeper forward
winger actor actress singer rapper musician writer author novelist poet filmmaker producer lawyer
attorney prosecutor activist leader founder cofounder co-founder deputy premier speaker councillor
councilor mp mep legislator lawmaker congressman congresswoman candidate president-elect dictator
chancellor-elect mr. economist scientist researcher physicist astronaut officer minister-president
player captain referee journalist reporter correspondent photographer editor analyst commentator
undersecretary under-secretary adviser advisor aide official diplomat negotiator superintendent
monsignor saint st dean principal veteran businessman businesswoman billionaire tycoon entrepreneur
designer architect artist painter composer conductor comedian presenter host anchor blogger priest
cleric pastor mufti executive exec boss
`);

/** Words that are part of a title but never of a name ("Foreign Minister", "Secretary of State"). */
export const EN_TITLE_MODIFIERS = words(`
foreign defence defense interior finance home health education justice trade economy energy state
deputy vice acting former late then interim chief general prime shadow assistant associate senior
junior national security attorney first lord high supreme grand
`);

/** Reporting verbs: "X said", "said X". */
export const EN_SPEECH = words(`
said says told added stated announced explained warned noted wrote argued claimed insisted
asked replied recalled acknowledged admitted confirmed denied declared urged tweeted posted
commented remarked suggested believes thinks according scored missed replaced substituted booked
saved assisted netted resigned died testified
`);

/** Last words that make a capitalised phrase an organisation, place or thing, not a person. */
export const EN_NON_PERSON_HEADS = words(`
university college school institute academy council committee commission party union league
association federation foundation fund agency authority ministry department office bureau court
parliament congress senate assembly government administration army navy force forces police
corps guard guards company corporation corp inc ltd llc group bank hospital clinic centre center
church mosque temple cathedral stadium arena hall station airport port bridge park square street
road avenue boulevard blvd drive highway plaza river lake sea ocean mountain mountains valley island islands peninsula province state
county district city town village region airlines airways times post news journal herald tribune
gazette review magazine press television radio network channel prize award awards cup games
festival day week act bill treaty accord agreement war series show club fc united museum library
gallery theatre theater house palace tower towers building hotel restaurant market exchange index
program programme project initiative movement campaign network institute labs laboratory system
studios records entertainment pictures media motors airlines energy oil gas petroleum holdings
conference summit forum report survey constitution revolution republic kingdom empire dynasty
organisation organization departments ministries agencies councils parties unions expo fair
co plc ag gmbh nv bv sa spa

`);

let givenNames: Set<string> | undefined;
let commonWords: Set<string> | undefined;

function loadLexicon(): void {
  // Required here, not imported: ~22 MB resident that a gateway which never reads English text does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nlp = require("compromise") as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const lexicon = nlp.model().one.lexicon;
  givenNames = new Set();
  commonWords = new Set();
  for (const [w, tag] of Object.entries(lexicon)) {
    const tags = ([] as string[]).concat(tag);
    if (tags.some((t) => t === "FirstName" || t === "MaleName" || t === "FemaleName")) givenNames.add(w);
    else if (!tags.some((t) => /Name|Person|Place|Country|City|Region|Organization|SportsTeam|ProperNoun|Demonym/.test(t))) commonWords.add(w);
  }
  for (const extra of ["vladimir", "volodymyr", "sergei", "sergey", "dmitry", "dmitri", "mikhail", "yuri", "andrii", "oleksandr", "mohammed", "mohamed", "muhammad", "mahmoud", "abdel", "abdul", "abdullah", "ahmed", "ahmad", "hassan", "hussein", "ali", "omar", "khalid", "khaled", "recep", "benjamin", "emmanuel", "narendra", "xi", "jae", "kim", "keir", "rishi", "olaf", "friedrich", "giorgia", "recep"]) {
    givenNames.add(extra);
  }
  for (const w of EN_SPEECH) commonWords.add(w);
}

export function isGivenName(norm: string): boolean {
  if (!givenNames) loadLexicon();
  return givenNames!.has(norm);
}

/** A lower-case dictionary word of English (not a name): "However", "The", "Officials". */
export function isCommonWord(norm: string): boolean {
  if (!commonWords) loadLexicon();
  return commonWords!.has(norm);
}
