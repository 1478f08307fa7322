import { createMatcher, extractEntities, type EntityResult } from "../../../src/ingest/entities";

const matcher = createMatcher();
const run = (bodyText: string, language: string): EntityResult => extractEntities({ language, bodyText }, matcher);
const newNames = (r: EntityResult) => r.people.flatMap((p) => (p.ref.kind === "new" ? [p.ref.name] : []));

describe("people the knowledge base does not hold, in Arabic", () => {
  it("finds a name after a title and its role words", () => {
    const r = run("وقال نائب وزير الخارجية الروسي سيرغي ريابكوف إن المحادثات مستمرة", "ar");
    expect(newNames(r)).toEqual(["سيرغي ريابكوف"]);
  });

  it("finds a name after a verb of saying, and its surname later in the article", () => {
    const r = run("قال هانس فيبر للصحفيين إن الاتفاق قريب. وأضاف فيبر أن الجولة المقبلة ستعقد في جنيف.", "ar");
    const p = r.people.find((x) => x.ref.kind === "new")!;
    expect(p.ref).toMatchObject({ name: "هانس فيبر", aliases: ["فيبر"] });
    expect(p.count).toBe(2);
  });

  it("finds a name introduced by a nationality adjective and a common given name", () => {
    const r = run("التقى الفرنسي جان بيرنار بنظيره في باريس", "ar");
    expect(newNames(r)).toEqual(["جان بيرنار"]);
  });

  it("reads names joined in a list as people too", () => {
    const r = run("وحضر الاجتماع الوزير خالد الحمادي و نبيل سعدون و كريم الفارس", "ar");
    expect(newNames(r)).toEqual(expect.arrayContaining(["خالد الحمادي", "نبيل سعدون"]));
  });

  it("does not take common words after a verb of saying for a name", () => {
    const r = run("وقال مسؤولون إن القمة ستعقد. وقالت مصادر دبلوماسية إن الوفد وصل. وأكد البيان ذلك.", "ar");
    expect(r.people).toEqual([]);
  });

  it("does not read على (normalised to علي) or a clitic+word (بأول) as a name", () => {
    const r = run("يشرف على احوال المسلمين ويقوم بأول زيارة له", "ar");
    expect(r.people).toEqual([]);
  });

  it("does not give a known surname to someone else with the same surname", () => {
    const r = run("قال هانز شولتس إن المحادثات مستمرة", "ar");
    expect(r.people.map((p) => p.ref)).toEqual([expect.objectContaining({ kind: "new", name: "هانز شولتس" })]);
  });

  it("links a found name to the knowledge base when its key matches someone named in full", () => {
    const r = run("التقى الرئيس فلاديمير بوتين بضيفه. وقال الرئيس الروسي فلاديمير فلاديميروفيتش بوتين إن", "ar");
    expect(r.people.map((p) => p.ref)).toEqual([{ kind: "kb", id: "vladimir-putin" }]);
  });
});

describe("people the knowledge base does not hold, in English", () => {
  it("finds names after titles, including ones inside a capitalised run", () => {
    const r = run("Environment Minister John Baird and Afghan Ambassador Hamdullah Mohib met Professor Cres Eastman.", "en");
    expect(newNames(r).sort()).toEqual(["Cres Eastman", "Hamdullah Mohib", "John Baird"]);
  });

  it("reads Executive as a title and a company's Co. as a company (Bob Iger, not Walt Disney Co)", () => {
    const r = run("On Tuesday, Executive Bob Iger told analysts that the Walt Disney Co. had fixed the glitches.", "en");
    expect(newNames(r)).toEqual(["Bob Iger"]);
  });

  it("finds a given-name run and a speaker of a reporting verb", () => {
    const r = run('The report was written by Andreas Granqvist. "It is over," said Tomasz Wieczorek.', "en");
    expect(newNames(r).sort()).toEqual(["Andreas Granqvist", "Tomasz Wieczorek"]);
  });

  it("resolves a later surname to the full name", () => {
    const r = run("Daniel Montalvo left the group in 2010. Montalvo later said he was afraid.", "en");
    expect(r.people).toHaveLength(1);
    expect(r.people[0]).toMatchObject({ count: 2, surfaces: ["Daniel Montalvo", "Montalvo"] });
  });

  it("takes names listed next to a confirmed person", () => {
    const r = run("The attack started with Romelu Lukaku, Yannick Carrasco, and Dries Mertens.", "en");
    expect(newNames(r)).toEqual(expect.arrayContaining(["Romelu Lukaku", "Yannick Carrasco", "Dries Mertens"]));
  });

  it("does not take organisations or sentence-initial words for people", () => {
    const r = run("However, the World Health Organisation said Fan Expo Canada was closed.", "en");
    expect(r.people).toEqual([]);
  });

  it("suggests, but does not merge, two people whose names are close but not the same", () => {
    const r = run("Minister Ahmed Hassan spoke. Later Minister Ahmed Hussein arrived.", "en");
    expect(newNames(r)).toHaveLength(2);
    expect(r.suggestions.length).toBeGreaterThan(0);
  });

  it("reads a found person's full name said again as the whole name, not a lone surname alias", () => {
    const r = run("Donald Trump and Melania Trump visited Kerrville. Accompanied by first lady Melania Trump, the president spoke.", "en");
    const melania = r.people.find((p) => p.ref.kind === "new" && p.ref.name === "Melania Trump");
    expect(melania?.ref.kind === "new" && melania.ref.aliases).toEqual([]);
    expect(melania?.count).toBe(2);
  });
});

describe("things named like people, in English", () => {
  it("does not read a name after \"the\" as a person (the Abu Shouk camp)", () => {
    expect(run("Civilians were sheltering in the Abu Shouk camp when shells fell.", "en").people).toEqual([]);
    expect(newNames(run("The envoy met the President Kwame Osei Boateng in Accra.", "en"))).toEqual(["Kwame Osei Boateng"]);
  });

  it("does not read a place after \"at\" as a person on a given name alone (at Roland Garros), but keeps someone's home", () => {
    expect(run("He lost the final at Roland Garros five weeks earlier.", "en").people).toEqual([]);
    expect(newNames(run("Police gathered at Roland Mercer's home on Sunday.", "en"))).toEqual(["Roland Mercer"]);
  });

  it("does not read a street named after someone as a person (Martin Luther King Jr. Boulevard)", () => {
    expect(run("He lives on Martin Luther King Jr. Boulevard near the park.", "en").people).toEqual([]);
  });

  it("does not read a hyphenated compound adjective as a surname standing alone (Euro-Atlantic security)", () => {
    expect(run("The declaration named Russia a threat to Euro-Atlantic security. Officials in Brussels agreed.", "en").people).toEqual([]);
  });
});

describe("aliases of people found in text", () => {
  it("keeps a surname met with a clitic (وألكاراز, and Alcaraz) as a mention but not as a spelling", () => {
    const r = run("وقال اللاعب كارلوس ألكاراز إن المباراة صعبة. وتأهل سينر وألكاراز إلى النهائي، وفاز ألكاراز.", "ar");
    const person = r.people.find((p) => p.ref.kind === "new" && p.ref.name === "كارلوس ألكاراز");
    expect(person?.count).toBe(3);
    expect(person?.ref.kind === "new" && person.ref.aliases).toEqual(["ألكاراز"]);
  });
});
