import { createMatcher, extractEntities, type EntityResult } from "../../../src/ingest/entities";

const matcher = createMatcher();
const run = (bodyText: string, language = "en"): EntityResult => extractEntities({ language, bodyText }, matcher);
const personIds = (r: EntityResult) => r.people.map((p) => (p.ref.kind === "kb" ? p.ref.id : `new:${p.ref.name}`));
const codes = (r: EntityResult) => r.countries.map((c) => c.code).sort();

describe("knowledge-base matching in English", () => {
  it("takes the longest name: New York City is a place, not the state of York", () => {
    const r = run("Protesters gathered in New York City and later in Washington.");
    expect(r.places.map((p) => p.name)).toContain("New York");
    expect(r.places.find((p) => p.name === "New York")!.surfaces).toEqual(["New York City"]);
  });

  it("does not read lower-case words as acronyms or names (us, turkey, china)", () => {
    const r = run("Let us cook turkey on fine china.");
    expect(r.countries).toEqual([]);
  });

  it("handles possessives, initials and hyphens", () => {
    const r = run("Putin's spokesman met V. Putin's allies, J.D. Vance and Kim Jong-un.");
    expect(personIds(r)).toEqual(expect.arrayContaining(["vladimir-putin", "jd-vance", "kim-jong-un"]));
  });

  it("reads the White House and the Kremlin as the state, and a capital after 'in' as a city", () => {
    const r = run("The White House said the Kremlin had replied. Talks were held in Moscow.");
    const us = r.countries.find((c) => c.code === "US")!;
    expect(us.via).toEqual(["metonym"]);
    const ru = r.countries.find((c) => c.code === "RU")!;
    expect(ru.via).toEqual(expect.arrayContaining(["metonym", "city"]));
    expect(r.places.map((p) => p.name)).toContain("Moscow");
  });

  it("counts a common surname alone only in an article that also gives the full name", () => {
    // Headlines name people by surname before the body gives the full name.
    const r = run("Sharif arrives. Later Shehbaz Sharif spoke and Sharif left.");
    expect(r.people.find((p) => p.ref.kind === "kb" && p.ref.id === "shehbaz-sharif")!.count).toBe(3);
    expect(personIds(run("Sharif arrives. Sharif left."))).not.toContain("shehbaz-sharif");
  });

  it("counts a distinctive surname alone without the full name", () => {
    expect(personIds(run("Lavrov did not come."))).toEqual(["sergei-lavrov"]);
  });

  it("keeps organisations apart from people and countries", () => {
    const r = run("NATO and the European Union met Reuters reporters; the Washington Post reported it.");
    expect(r.orgs.map((o) => o.id).sort()).toEqual(["eu", "nato", "reuters", "wapo"]);
    expect(r.countries).toEqual([]);
  });

  it("does not take a place name that follows a given name (Michael Jordan)", () => {
    expect(codes(run("Michael Jordan played in Chicago."))).toEqual(["US"]);
  });

  it("does not take a relative for the known person whose surname they share (Melania Trump), but keeps titles before it", () => {
    const relative = personIds(run("Accompanied by first lady Melania Trump and Governor Greg Abbott, the president praised rescuers."));
    expect(relative).not.toContain("donald-trump");
    expect(relative).toContain("new:Melania Trump");
    expect(personIds(run("On Friday President Trump called Senator Rubio and Mr Putin."))).toEqual(expect.arrayContaining(["donald-trump", "marco-rubio", "vladimir-putin"]));
  });

  it("does not take a place or building named after a known person for the person", () => {
    expect(personIds(run("Robert F. Kennedy Jr. spoke, then fans gathered at Kennedy Memorial Stadium."))).toEqual(["robert-f-kennedy-jr"]);
    expect(personIds(run("Mohamed bin Zayed University opened a campus."))).toEqual([]);
    expect(personIds(run("قال الشيخ محمد بن زايد إن جامعة محمد بن زايد ستتوسع.", "ar"))).toEqual(["mohamed-bin-zayed"]);
  });

  it("names the seat a capital form stands for, not the country's first capital, and one city for its spellings", () => {
    const place = (text: string, lang = "en") => run(text, lang).places.map((p) => p.name);
    expect(place("وصل الوفد إلى تل أبيب أمس.", "ar")).toEqual(["Tel Aviv"]);
    expect(place("عقد الاجتماع في كيب تاون.", "ar")).toEqual(["Cape Town"]);
    expect(place("انعقدت القمة في لاهاي.", "ar")).toEqual(["The Hague"]);
    expect(place("Talks resumed in Kiev and in Peking.")).toEqual(["Kyiv", "Beijing"]);
    expect(place("He flew to Washington.")).toEqual(["Washington D.C."]);
  });

  it("reads بليون as \"billion\", not as ب + ليون (in Lyon), and مجريات as \"the course of\", not Hungarian", () => {
    const r = run("خسرت الشركة بليون دولار، وقال مصدر مطلع على مجريات القضية إن الاجتماع عقد في ليون.", "ar");
    expect(r.places.map((p) => p.name)).toEqual(["Lyon"]);
    expect(codes(r)).toEqual(["FR"]);
  });

  it("reads US$ as a currency", () => {
    expect(run("He was released on US$ 20,000 bail.").countries).toEqual([]);
  });

  it("marks national sides in a match report as teams, not the state", () => {
    const r = run("Sweden beat South Korea 1 – 0 and Belgium defeated Panama 3 – 0 in the group stage.");
    for (const c of r.countries) expect(c.via).toEqual(["team"]);
  });

  it("keeps regions such as North America from being read as a country", () => {
    const r = run("The event is one of the most popular in North America and the Middle East.");
    expect(r.countries).toEqual([]);
    expect(r.regions.map((x) => x.id).sort()).toEqual(["middle-east", "north-america"]);
  });
});

describe("knowledge-base matching in Arabic", () => {
  it("matches names behind clitics without breaking names that start with clitic letters", () => {
    const r = run("التقى لافروف وبوتين في موسكو، ثم سافر لروسيا والأمريكي بالكرملين.", "ar");
    expect(personIds(r)).toEqual(expect.arrayContaining(["sergei-lavrov", "vladimir-putin"]));
    expect(codes(r)).toEqual(["RU", "US"]);
    const ru = r.countries.find((c) => c.code === "RU")!;
    expect(ru.surfaces).toEqual(expect.arrayContaining(["لروسيا", "بالكرملين"]));
  });

  it("reads hamza and spelling variants of one country as that country", () => {
    const r = run("أمريكا وأميركا وامريكا والولايات المتحدة الأميركية", "ar");
    expect(r.countries).toHaveLength(1);
    expect(r.countries[0]).toMatchObject({ code: "US", count: 4 });
  });

  it("needs a place cue for a country name that is also a word (مالي = financial)", () => {
    expect(run("قدمت الدولة دعما ماليا ودعم مالي كبير", "ar").countries).toEqual([]);
    expect(codes(run("وقع انفجار في مالي أمس", "ar"))).toEqual(["ML"]);
  });

  it("reads Kuala Lumpur after في as a city in Malaysia", () => {
    const r = run("اجتماع في كوالالمبور", "ar");
    expect(r.places).toEqual([expect.objectContaining({ name: "Kuala Lumpur", country: "MY" })]);
    expect(r.countries[0]).toMatchObject({ code: "MY", via: ["city"] });
  });

  it("reads a demonym right before بن or آل as a given name (تركي آل الشيخ is not Turkey)", () => {
    for (const text of ["أعلن المستشار تركي آل الشيخ عن المهرجان.", "قال الأمير تركي بن محمد إن الاجتماع مثمر."]) {
      const r = run(text, "ar");
      expect(r.countries).toEqual([]);
      expect(personIds(r)).toHaveLength(1);
    }
    expect(codes(run("قال الرئيس التركي رجب طيب أردوغان إن بلاده ستشارك.", "ar"))).toEqual(["TR"]);
  });

  it("lets a person named in full claim a surname that is also a demonym", () => {
    // كينيون is "Kenyans" as a demonym and Kenyon as a surname.
    const r = run("أكد بيتر كينيون كبير المديرين ذلك . و رفض كينيون التعليق", "ar");
    expect(r.people).toHaveLength(1);
    expect(r.people[0].count).toBe(2);
    expect(r.countries).toEqual([]);
  });
});

describe("people whose names many share", () => {
  it("links محمد حسن to Malaysia's foreign minister only in an article about Malaysia", () => {
    const about = run("قال وزير الخارجية الماليزي محمد حسن إن بلاده ترحب بالاجتماع", "ar");
    expect(about.people.map((p) => p.ref)).toEqual([{ kind: "kb", id: "mohamad-hasan" }]);
    const other = run("شارك الطالب محمد حسن في المسابقة", "ar");
    expect(other.people.map((p) => p.ref)).toEqual([expect.objectContaining({ kind: "new", name: "محمد حسن" })]);
  });
});
