const MONTHS: [number, string[]][] = [
  [1, ["jan", "january", "janv", "ene", "يناير", "كانون الثاني", "جانفي", "ιαν", "ιανουαρίου", "január"]],
  [2, ["feb", "february", "fév", "févr", "فبراير", "شباط", "فيفري", "φεβ", "φεβρουαρίου", "február"]],
  [3, ["mar", "march", "mars", "مارس", "آذار", "اذار", "μάώ", "μαρ", "μάρ", "μαρτίου", "március"]],
  [4, ["apr", "april", "avr", "أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل", "απρ", "απριλίου", "április"]],
  [5, ["may", "mai", "مايو", "أيار", "ايار", "ماي", "μάι", "μαι", "μαϊ", "μαΐου", "május"]],
  [6, ["jun", "june", "juin", "يونيو", "يونيه", "حزيران", "جوان", "ιούν", "ιον", "ιουν", "ιουνίου", "június"]],
  [7, ["jul", "july", "juil", "يوليو", "يوليه", "تموز", "جويلية", "ιούλ", "ιολ", "ιουλ", "ιουλίου", "július"]],
  [8, ["aug", "august", "août", "أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت", "αύγ", "αυγ", "αυγούστου", "augusztus"]],
  [9, ["sep", "sept", "september", "سبتمبر", "أيلول", "ايلول", "σεπ", "σεπτεμβρίου", "szeptember"]],
  [10, ["oct", "october", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "οκτ", "οκτωβρίου", "október"]],
  [11, ["nov", "november", "نوفمبر", "تشرين الثاني", "νοέ", "νοε", "νοεμβρίου", "november"]],
  [12, ["dec", "december", "déc", "ديسمبر", "كانون الأول", "كانون الاول", "δεκ", "δεκεμβρίου", "december"]],
];

/** Month names and abbreviations (English, Arabic in its Egyptian, Levantine and Maghrebi forms, Greek, Hungarian). */
export const MONTH_ALIASES: Map<string, number> = new Map(
  MONTHS.flatMap(([month, names]) => names.map((name) => [name, month] as [string, number])),
);

/** Weekday names carry no information once the date is known; they are skipped. */
export const WEEKDAY_ALIASES: Set<string> = new Set([
  "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "الأحد", "الاحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الاربعاء", "الخميس", "الجمعة", "السبت",
  "κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ",
  // Filler words around Arabic times: "الساعة" (at the hour), "توقيت" (time, as in "توقيت غرينتش").
  "الساعة", "توقيت", "بتوقيت",
]);

// Offsets in minutes east of UTC for the zone names feeds actually write.
export const ZONE_OFFSETS: Map<string, number> = new Map([
  ["z", 0], ["ut", 0], ["utc", 0], ["gmt", 0], ["etc/gmt", 0], ["etc/utc", 0], ["wet", 0],
  ["est", -300], ["edt", -240], ["cst", -360], ["cdt", -300], ["mst", -420], ["mdt", -360],
  ["pst", -480], ["pdt", -420], ["akst", -540], ["akdt", -480], ["hst", -600],
  ["at", -240], ["adt", -180],
  // In Arabic feeds AST is Arabia Standard Time, not Atlantic.
  ["ast", 180], ["nst", -210], ["ndt", -150],
  ["bst", 60], ["cet", 60], ["met", 60], ["west", 60], ["cest", 120], ["mest", 120], ["eet", 120], ["eest", 180],
  ["msk", 180], ["trt", 180], ["irst", 210], ["gst", 240], ["pkt", 300], ["ist", 330],
  ["ict", 420], ["wib", 420], ["hkt", 480], ["sgt", 480], ["awst", 480], ["jst", 540], ["kst", 540],
  ["aest", 600], ["aedt", 660], ["nzst", 720], ["nzdt", 780],
  ["توقيت غرينتش", 0], ["غرينتش", 0], ["ت.غ", 0],
]);
