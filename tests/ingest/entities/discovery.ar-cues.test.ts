import { createMatcher, extractEntities, type EntityResult } from "../../../src/ingest/entities";

const matcher = createMatcher();
const run = (bodyText: string): EntityResult => extractEntities({ language: "ar", bodyText }, matcher);
const newNames = (r: EntityResult) => r.people.flatMap((p) => (p.ref.kind === "new" ? [p.ref.name] : []));

describe("Arabic cues around names the knowledge base does not hold", () => {
  it("reads an unlisted name after a nationality adjective that stands alone", () => {
    expect(newNames(run("وتغلب البلجيكي غوستاف فانديرمير على منافسه في الدور الأول"))).toEqual(["غوستاف فانديرمير"]);
  });

  it("reads a name after a nationality adjective carrying a preposition", () => {
    expect(newNames(run("وذهبت المرتبة الثانية للكيني موانغي كيبتو ."))).toEqual(["موانغي كيبتو"]);
  });

  it("does not read the words after an adjective that describes a noun as a name", () => {
    expect(run("وناقش البرلمان الألماني مشروع قانون جديد").people).toEqual([]);
  });

  it("keeps family names with the article after given names", () => {
    expect(newNames(run("وقال سليم محمود العطار إن الموسم انتهى"))).toEqual(["سليم محمود العطار"]);
    expect(newNames(run("وقال حمد الأحمد الجابر إن الجلسة تأجلت"))).toEqual(["حمد الأحمد الجابر"]);
  });

  it("keeps the second half of a compound given name such as محيي الدين", () => {
    expect(newNames(run("وقال محمود محيي الدين إن النمو تباطأ"))).toEqual(["محمود محيي الدين"]);
  });

  it("reads an everyday-word given name when a compound name follows it", () => {
    expect(newNames(run("وكان جمال عبد الرحيم قد وصل مساء أمس"))).toEqual(["جمال عبد الرحيم"]);
  });

  it("ends a speaker's one-word name at a role noun in apposition", () => {
    expect(newNames(run("وقال برونسكي مدير الشركة إن الأرباح ارتفعت"))).toEqual(["برونسكي"]);
  });

  it("carries a name on through a nasab particle after its family name", () => {
    expect(newNames(run("وقال محمد البشير ولد المختار إن الحكومة ستدعم الخطة"))).toEqual(["محمد البشير ولد المختار"]);
    expect(newNames(run("وقال عمر البشير بن علي إن الوفد وصل"))).toEqual(["عمر البشير بن علي"]);
  });

  it("does not read a common noun after ابن as a father's name", () => {
    expect(newNames(run("وقال نعوم شومسكي ابن رجل يهودي إن الحرب خطأ"))).toEqual(["نعوم شومسكي"]);
    expect(newNames(run("وقال جمال حسين ابن عمه إن الأسرة بخير"))).toEqual(["جمال حسين"]);
  });

  it("reads two words joined by بن as one name even without a listed given name", () => {
    expect(newNames(run("وحضر الغالب بن ناصر الاجتماع"))).toEqual(["الغالب بن ناصر"]);
  });

  it("reads علي written with ya as a name before بن, never as the preposition على", () => {
    expect(newNames(run("ووصل علي بن حسن إلى المدينة"))).toEqual(["علي بن حسن"]);
    expect(run("ووافق الرئيس على الخطة").people).toEqual([]);
    expect(run("ووافق الرئيس علي الخطة").people).toEqual([]);
  });

  it("does not continue a list of names across a sentence end", () => {
    expect(newNames(run("التقى الوزير هانس فيبر . و صدرت رواية جديدة"))).toEqual(["هانس فيبر"]);
  });

  it("does not look for a name past the punctuation that ends a title's role", () => {
    expect(run("التقى وزير الخارجية ( رويترز - أرشيف ) نظيره").people).toEqual([]);
  });

  it("does not take a preposition on a verbal noun for a name or part of one", () => {
    expect(run("وقال الحاكم بتشكيل لجنة").people).toEqual([]);
    expect(newNames(run("وفاز مايكل برونر بتوقيت قياسي"))).toEqual(["مايكل برونر"]);
  });

  it("stops a name at a kinship or role noun after it", () => {
    expect(newNames(run("وقال جون ماركس زميل الكاتب إن الرواية جاهزة"))).toEqual(["جون ماركس"]);
  });

  it("reads a name said twice in a row as two mentions of one person", () => {
    const r = run("ولد الطبيب كارل برونر كارل برونر في فيينا");
    expect(newNames(r)).toEqual(["كارل برونر"]);
    expect(r.people[0].count).toBe(2);
  });

  it("reads the French -ier ending of a given name as part of the name", () => {
    expect(newNames(run("وتغلب الفرنسي كزافييه دوبون على منافسه"))).toEqual(["كزافييه دوبون"]);
  });

  it("reads the words before a bracketed goal minute or age as a name", () => {
    expect(newNames(run("وأحرز الأهداف داريو كانتيلي ( 12 ) و"))).toEqual(["داريو كانتيلي"]);
    expect(newNames(run("غير أن تعيين غوتنبرغ ( 62 عاما ) أثار الجدل"))).toEqual(["غوتنبرغ"]);
  });

  it("reads a father's kunya after بن as part of the name", () => {
    expect(newNames(run("وحضر سعد بن أبي ناصر الاجتماع"))).toEqual(["سعد بن أبي ناصر"]);
  });

  it("does not read a surname that is also a verb alone as the person", () => {
    const r = run("وقال الوزير حامد بن أبي طالب إن الخطة جاهزة . و طالب المتظاهرون بالإصلاح");
    expect(newNames(r)).toEqual(["حامد بن أبي طالب"]);
    expect(r.people[0].count).toBe(1);
  });

  it("does not read a team's words as a name after الفريق", () => {
    expect(run("وسيقدم الفريق مستوى أفضل في المباراة").people).toEqual([]);
  });

  it("reads no one in a place or building named after a person", () => {
    expect(run("وعثر على 68 ضحية في مقاطعة كير وحدها").people).toEqual([]);
    expect(run("وصل الوفد إلى مطار جون كينيدي الدولي").people).toEqual([]);
    expect(run("وأقيمت المباراة في ملعب الملك فهد الدولي").people).toEqual([]);
    expect(run("وقع الحادث في شارع محمد علي جناح").people).toEqual([]);
  });

  it("still reads the person a term of office (ولاية) belongs to", () => {
    expect(run("خلال ولاية ترامب الثانية").people.map((p) => p.ref.kind === "kb" && p.ref.id)).toEqual(["donald-trump"]);
  });

  it("does not carry a name across a line break into the next paragraph's verb", () => {
    expect(newNames(run("لقاء مباشر في كوالالمبور\nعقد وزير الخارجية الاجتماع"))).toEqual([]);
  });

  it("reads دولة as a title only before another title", () => {
    expect(run("أول زيارة دولة لرئيس أوروبي إلى بريطانيا").people).toEqual([]);
    expect(newNames(run("وقال دولة الرئيس فؤاد مخزومي إن الحكومة مستمرة"))).toEqual(["فؤاد مخزومي"]);
  });

  it("ends a name before a conjoined title or a noun in the construct dual", () => {
    expect(run("فرض قيود على تأشيرات الرئيس الكوبي ووزيري الدفاع والداخلية").people).toEqual([]);
    expect(newNames(run("ودعا المسؤول الأممي توم فليتشر طرفي النزاع إلى الهدوء"))).toEqual(["توم فليتشر"]);
  });

  it("does not read a participle or a bare three-letter word after a title as a name", () => {
    expect(run("مشيرة إلى أن الرئيس منفتح على التوصل إلى اتفاقات").people).toEqual([]);
    expect(run("وأعرب عن أسفه لقرار الرئيس الأمريكي فرض رسوم بنسبة 25 في المائة").people).toEqual([]);
  });

  it("still reads short names that write their vowels, a foreign digraph or an everyday-word given name after a title", () => {
    expect(newNames(run("وقال المتحدث تشن هوا إن الوفد وصل"))).toEqual(["تشن هوا"]);
    expect(newNames(run("وقال اللاعب خلف سالم إن الفريق جاهز"))).toEqual(["خلف سالم"]);
    expect(newNames(run("وقال السفير كيم سون إن المحادثات بناءة"))).toEqual(["كيم سون"]);
  });
});
