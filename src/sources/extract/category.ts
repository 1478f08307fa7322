/**
 * The shared category list — the 17 top-level IPTC Media Topics — and the mapping from a
 * source's own section label (English or Arabic: "World", "العالم", "سياسة", "Tech") to it.
 * Unknown labels map to nothing: a missing category is better than a wrong one.
 */

export interface Category {
  id: string;
  en: string;
  ar: string;
  iptc: string;
}

export const CATEGORIES: Category[] = [
  { id: "arts-culture-entertainment-media", en: "Arts, culture, entertainment and media", ar: "الفنون والثقافة والترفيه والإعلام", iptc: "medtop:01000000" },
  { id: "crime-law-justice", en: "Crime, law and justice", ar: "الجريمة والقانون والعدالة", iptc: "medtop:02000000" },
  { id: "disaster-accident-emergency", en: "Disaster, accident and emergency incident", ar: "الكوارث والحوادث والطوارئ", iptc: "medtop:03000000" },
  { id: "economy-business-finance", en: "Economy, business and finance", ar: "الاقتصاد والأعمال والمال", iptc: "medtop:04000000" },
  { id: "education", en: "Education", ar: "التعليم", iptc: "medtop:05000000" },
  { id: "environment", en: "Environment", ar: "البيئة", iptc: "medtop:06000000" },
  { id: "health", en: "Health", ar: "الصحة", iptc: "medtop:07000000" },
  { id: "human-interest", en: "Human interest", ar: "قصص إنسانية", iptc: "medtop:08000000" },
  { id: "labour", en: "Labour", ar: "العمل والعمال", iptc: "medtop:09000000" },
  { id: "lifestyle-leisure", en: "Lifestyle and leisure", ar: "أسلوب الحياة والترفيه", iptc: "medtop:10000000" },
  { id: "politics", en: "Politics", ar: "السياسة", iptc: "medtop:11000000" },
  { id: "religion", en: "Religion", ar: "الدين", iptc: "medtop:12000000" },
  { id: "science-technology", en: "Science and technology", ar: "العلوم والتكنولوجيا", iptc: "medtop:13000000" },
  { id: "society", en: "Society", ar: "المجتمع", iptc: "medtop:14000000" },
  { id: "sport", en: "Sport", ar: "الرياضة", iptc: "medtop:15000000" },
  { id: "conflict-war-peace", en: "Conflict, war and peace", ar: "النزاعات والحروب والسلام", iptc: "medtop:16000000" },
  { id: "weather", en: "Weather", ar: "الطقس", iptc: "medtop:17000000" },
];

/*
 * Keyword table: section words (normalised, see normLabel) → category id.
 * Geographic sections ("World", "العالم", "International", "Middle East", "عربي ودولي") map to
 * politics: IPTC has no "world news" topic, and these sections carry mostly diplomacy and
 * government news, which is where most aggregators file them. Local/national sections stay
 * unmapped (they mix crime, accidents and municipal news).
 * Genre labels ("Opinion", "رأي", "Analysis", "Video") are not topics and stay unmapped.
 */
const KEYWORDS: Record<string, string[]> = {
  "arts-culture-entertainment-media": [
    "arts", "art", "culture", "entertainment", "showbiz", "celebrity", "celebrities", "music", "film", "films", "movies", "movie",
    "cinema", "tv", "television", "media", "books", "theatre", "theater", "stage", "arts and culture", "arts & entertainment",
    "culture and arts", "ثقافه", "فن", "فنون", "ثقافه وفنون", "فن وثقافه", "تسليه", "ترفيه", "سينما", "موسيقي", "مشاهير", "اعلام", "دراما", "ادب", "كتب", "مسرح", "نجوم",
  ],
  "crime-law-justice": [
    "crime", "crimes", "law", "justice", "courts", "court", "legal", "police", "حوادث", "جريمه", "جرائم", "قضايا", "محاكم", "قضاء", "امن", "حوادث وقضايا",
  ],
  "disaster-accident-emergency": ["disaster", "disasters", "accidents", "emergency", "emergencies", "كوارث", "طوارئ"],
  "economy-business-finance": [
    "business", "economy", "economics", "finance", "financial", "markets", "market", "money", "companies", "industry", "real estate",
    "property", "energy", "trade", "banking", "investing", "personal finance", "اقتصاد", "اعمال", "مال", "مال واعمال", "مال وأعمال",
    "بورصه", "اسواق", "بنوك", "عقارات", "طاقه", "تجاره", "استثمار", "اقتصاد واعمال",
  ],
  education: ["education", "schools", "school", "universities", "university", "higher education", "campus", "تعليم", "تربيه", "جامعات", "مدارس", "تعليم وجامعات"],
  environment: ["environment", "climate", "climate change", "green", "nature", "wildlife", "sustainability", "بيئه", "مناخ", "تغير المناخ"],
  health: ["health", "medicine", "medical", "wellness", "healthcare", "coronavirus", "covid", "covid-19", "صحه", "طب", "صحه وطب", "كورونا"],
  "human-interest": ["human interest", "odd news", "offbeat", "weird news", "oddities", "قصص انسانيه", "غرائب", "طرائف"],
  labour: ["labour", "labor", "jobs", "employment", "workplace", "careers", "وظائف", "عمل", "عمال", "توظيف"],
  "lifestyle-leisure": [
    "lifestyle", "life", "leisure", "living", "style", "fashion", "travel", "food", "food and drink", "food & drink", "homes",
    "cars", "motoring", "autos", "games", "gaming", "beauty", "life and style", "لايف ستايل", "منوعات لايف ستايل", "اسلوب حياه", "موضه", "سياحه", "سفر",
    "سيارات", "مطبخ", "جمال", "العاب", "ازياء", "منزل",
  ],
  politics: [
    "politics", "political", "government", "elections", "election", "world", "world news", "international", "global", "middle east",
    "africa", "asia", "europe", "americas", "diplomacy", "nation-world", "us politics", "uk politics", "سياسه", "العالم", "عالم", "دولي",
    "دوليه", "عربي ودولي", "عرب وعالم", "عربي", "عربيه", "الشرق الاوسط", "انتخابات", "حكومه", "برلمان", "عالميه", "اخبار العالم", "شؤون دوليه", "سياسي",
  ],
  religion: ["religion", "faith", "belief", "religions", "دين", "اسلاميات", "دين ودنيا", "اديان", "اسلام"],
  "science-technology": [
    "science", "tech", "technology", "sci-tech", "science and technology", "science & tech", "gadgets", "space", "innovation", "internet",
    "ai", "artificial intelligence", "digital", "cyber", "علوم", "تكنولوجيا", "تقنيه", "علوم وتكنولوجيا", "تقنيه المعلومات", "تكنولوجيا ومعلومات", "فضاء", "انترنت", "علم",
  ],
  society: ["society", "social", "community", "social affairs", "women", "family", "مجتمع", "المراه", "مراه", "اسره", "شؤون اجتماعيه", "اجتماعي"],
  sport: [
    "sport", "sports", "football", "soccer", "cricket", "tennis", "basketball", "rugby", "golf", "formula 1", "f1", "nfl", "nba", "mlb",
    "nhl", "olympics", "boxing", "motorsport", "athletics", "رياضه", "رياضي", "كره القدم", "كره", "ملاعب", "دوري", "رياضه عربيه", "رياضه عالميه",
  ],
  "conflict-war-peace": ["conflict", "war", "wars", "military", "defence", "defense", "terrorism", "peace", "حرب", "حروب", "عسكري", "دفاع", "نزاعات", "ارهاب", "سلام"],
  weather: ["weather", "forecast", "طقس", "احوال جويه", "الطقس"],
};

const BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));
const TABLE = new Map<string, string>();
for (const [id, words] of Object.entries(KEYWORDS)) for (const w of words) TABLE.set(normLabel(w), id);

/** Lower case, Arabic letter variants and diacritics folded, the definite article dropped from each word. */
export function normLabel(label: string): string {
  return label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/[_/|·•›»>]+/g, " ")
    .replace(/[^\p{L}\p{N}&\s-]+/gu, " ")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^(?:وال|بال|لل|ال)\p{Script=Arabic}{2,}/u.test(w) ? w.replace(/^(?:وال|بال|لل|ال)/u, "") : w))
    .join(" ");
}

/** Words that decorate a section label without changing its topic ("World News", "أخبار العالم"). */
const FILLER = new Set(["news", "latest", "top", "stories", "section", "اخبار", "خبر", "اخر", "اهم", "breaking", "the"]);

/** Maps a section label to the shared IPTC category; undefined when the label is unknown (never a guess). */
export function mapCategory(label: string | undefined, ctx: { url?: string; title?: string; language?: string } = {}): Category | undefined {
  const fromLabel = label ? mapLabel(label) : undefined;
  if (fromLabel) return fromLabel;
  return ctx.url ? mapUrl(ctx.url) : undefined;
}

function mapLabel(label: string): Category | undefined {
  const norm = normLabel(label);
  if (!norm) return undefined;
  const direct = TABLE.get(norm) ?? TABLE.get(norm.split(" ").filter((w) => !FILLER.has(w)).join(" "));
  if (direct) return BY_ID.get(direct);
  // "Science & Tech", "Politics and Government", "رياضة عربية": the first word or pair that is a known section.
  const words = norm.split(" ").filter((w) => !FILLER.has(w));
  for (let i = 0; i < words.length; i++) {
    const pair = TABLE.get(`${words[i]} ${words[i + 1] ?? ""}`.trim());
    const single = TABLE.get(words[i]);
    const id = pair ?? single;
    if (id) return BY_ID.get(id);
  }
  return undefined;
}

/** A section word in the URL path ("/world/", "/sport/football/") when the page gave no label. */
export function sectionFromUrl(url: string): string | undefined {
  let segments: string[];
  try {
    segments = decodeURIComponent(new URL(url).pathname).split("/").filter(Boolean);
  } catch {
    return undefined;
  }
  // The last segment is the article slug; only the folders before it name sections.
  for (const seg of segments.slice(0, -1).slice(0, 3)) {
    if (/^\d+$/.test(seg) || seg.length > 30) continue;
    if (TABLE.has(normLabel(seg.replace(/-/g, " "))) || TABLE.has(normLabel(seg))) return seg;
  }
  return undefined;
}

function mapUrl(url: string): Category | undefined {
  const seg = sectionFromUrl(url);
  return seg ? mapLabel(seg.replace(/-/g, " ")) ?? mapLabel(seg) : undefined;
}
