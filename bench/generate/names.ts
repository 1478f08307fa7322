/** Name parts, places and topics in both scripts: [English, Arabic]. */
export type Pair = readonly [en: string, ar: string];

export const ARAB_GIVEN: Pair[] = [
  ["Mohammed", "محمد"], ["Ahmed", "أحمد"], ["Ali", "علي"], ["Omar", "عمر"], ["Mahmoud", "محمود"], ["Hassan", "حسن"],
  ["Hussein", "حسين"], ["Khaled", "خالد"], ["Youssef", "يوسف"], ["Ibrahim", "إبراهيم"], ["Mustafa", "مصطفى"], ["Tariq", "طارق"],
  ["Saeed", "سعيد"], ["Karim", "كريم"], ["Nabil", "نبيل"], ["Walid", "وليد"], ["Samir", "سمير"], ["Adel", "عادل"],
  ["Hisham", "هشام"], ["Faisal", "فيصل"], ["Abdullah", "عبد الله"], ["Abdulrahman", "عبد الرحمن"], ["Sultan", "سلطان"], ["Majed", "ماجد"],
  ["Ziad", "زياد"], ["Rami", "رامي"], ["Bassam", "بسام"], ["Jamal", "جمال"], ["Nasser", "ناصر"], ["Salem", "سالم"],
  ["Fatima", "فاطمة"], ["Aisha", "عائشة"], ["Mariam", "مريم"], ["Noura", "نورة"], ["Layla", "ليلى"], ["Huda", "هدى"],
  ["Rania", "رانيا"], ["Salma", "سلمى"], ["Yasmin", "ياسمين"], ["Amira", "أميرة"], ["Dina", "دينا"], ["Hanan", "حنان"],
  ["Mona", "منى"], ["Samira", "سميرة"], ["Reem", "ريم"], ["Lina", "لينا"], ["Zeinab", "زينب"], ["Nadia", "نادية"],
];

/** Father's names are given names too; only masculine ones serve. */
export const ARAB_FATHER: Pair[] = ARAB_GIVEN.slice(0, 30);

export const ARAB_FAMILY: Pair[] = [
  ["al-Masri", "المصري"], ["al-Haddad", "الحداد"], ["al-Najjar", "النجار"], ["al-Khatib", "الخطيب"], ["al-Hashimi", "الهاشمي"],
  ["al-Tamimi", "التميمي"], ["al-Otaibi", "العتيبي"], ["al-Shammari", "الشمري"], ["al-Qahtani", "القحطاني"], ["al-Dosari", "الدوسري"],
  ["al-Saadi", "السعدي"], ["al-Jabouri", "الجبوري"], ["al-Obeidi", "العبيدي"], ["al-Zubaidi", "الزبيدي"], ["al-Rifai", "الرفاعي"],
  ["al-Halabi", "الحلبي"], ["al-Shami", "الشامي"], ["al-Maghribi", "المغربي"], ["al-Tunisi", "التونسي"], ["al-Sudani", "السوداني"],
  ["al-Yamani", "اليماني"], ["al-Kuwaiti", "الكويتي"], ["al-Bahrani", "البحراني"], ["al-Amiri", "العامري"], ["al-Farsi", "الفارسي"],
  ["Haddad", "حداد"], ["Khoury", "خوري"], ["Nasrallah", "نصر الله"], ["Abboud", "عبود"], ["Saleh", "صالح"],
  ["Mansour", "منصور"], ["Darwish", "درويش"], ["Qassem", "قاسم"], ["Barakat", "بركات"], ["Suleiman", "سليمان"],
  ["Aziz", "عزيز"], ["Hamdan", "حمدان"], ["Othman", "عثمان"], ["Zayed", "زايد"], ["Rashid", "راشد"],
  ["Fahmy", "فهمي"], ["Shaker", "شاكر"], ["Ghanem", "غانم"], ["Awad", "عوض"], ["Habib", "حبيب"],
  ["Younis", "يونس"], ["Hijazi", "حجازي"], ["Kanaan", "كنعان"], ["Mikati", "ميقاتي"], ["Jaber", "جابر"],
];

export const WESTERN_GIVEN: Pair[] = [
  ["John", "جون"], ["David", "ديفيد"], ["Michael", "مايكل"], ["James", "جيمس"], ["Robert", "روبرت"], ["William", "ويليام"],
  ["Thomas", "توماس"], ["Daniel", "دانيال"], ["Peter", "بيتر"], ["Paul", "بول"], ["Mark", "مارك"], ["Emma", "إيما"],
  ["Anna", "آنا"], ["Maria", "ماريا"], ["Sophie", "صوفي"], ["Elena", "إيلينا"], ["Olga", "أولغا"], ["Ivan", "إيفان"],
  ["Sergei", "سيرغي"], ["Viktor", "فيكتور"], ["Jean", "جان"], ["Pierre", "بيير"], ["Hans", "هانز"], ["Klaus", "كلاوس"],
  ["Marco", "ماركو"], ["Luis", "لويس"], ["Carlos", "كارلوس"], ["Kenji", "كينجي"], ["Wei", "وي"], ["Laura", "لورا"],
];

export const WESTERN_FAMILY: Pair[] = [
  ["Smith", "سميث"], ["Johnson", "جونسون"], ["Brown", "براون"], ["Miller", "ميلر"], ["Wilson", "ويلسون"], ["Taylor", "تايلور"],
  ["Anderson", "أندرسون"], ["Martin", "مارتن"], ["Clark", "كلارك"], ["Lewis", "لويس"], ["Walker", "ووكر"], ["Young", "يونغ"],
  ["Petrov", "بتروف"], ["Ivanov", "إيفانوف"], ["Sokolov", "سوكولوف"], ["Kovalenko", "كوفالينكو"], ["Dubois", "دوبوا"], ["Laurent", "لوران"],
  ["Moreau", "مورو"], ["Schmidt", "شميت"], ["Weber", "فيبر"], ["Fischer", "فيشر"], ["Rossi", "روسي"], ["Bianchi", "بيانكي"],
  ["Garcia", "غارسيا"], ["Fernandez", "فرنانديز"], ["Lopez", "لوبيز"], ["Tanaka", "تاناكا"], ["Sato", "ساتو"], ["Zhang", "تشانغ"],
  ["Wang", "وانغ"], ["Kowalski", "كوفالسكي"], ["Novak", "نوفاك"], ["Jensen", "ينسن"], ["Larsen", "لارسن"], ["Murphy", "مورفي"],
];

/** Cities with the country (ISO alpha-2) they are in. */
export const CITIES: { name: Pair; country: string }[] = [
  { name: ["Cairo", "القاهرة"], country: "EG" }, { name: ["Alexandria", "الإسكندرية"], country: "EG" },
  { name: ["Riyadh", "الرياض"], country: "SA" }, { name: ["Jeddah", "جدة"], country: "SA" },
  { name: ["Dubai", "دبي"], country: "AE" }, { name: ["Abu Dhabi", "أبوظبي"], country: "AE" },
  { name: ["Beirut", "بيروت"], country: "LB" }, { name: ["Baghdad", "بغداد"], country: "IQ" },
  { name: ["Basra", "البصرة"], country: "IQ" }, { name: ["Damascus", "دمشق"], country: "SY" },
  { name: ["Aleppo", "حلب"], country: "SY" }, { name: ["Amman", "عمان"], country: "JO" },
  { name: ["Doha", "الدوحة"], country: "QA" }, { name: ["Gaza", "غزة"], country: "PS" },
  { name: ["Ramallah", "رام الله"], country: "PS" }, { name: ["Tehran", "طهران"], country: "IR" },
  { name: ["Ankara", "أنقرة"], country: "TR" }, { name: ["Istanbul", "إسطنبول"], country: "TR" },
  { name: ["Washington", "واشنطن"], country: "US" }, { name: ["New York", "نيويورك"], country: "US" },
  { name: ["London", "لندن"], country: "GB" }, { name: ["Paris", "باريس"], country: "FR" },
  { name: ["Berlin", "برلين"], country: "DE" }, { name: ["Moscow", "موسكو"], country: "RU" },
  { name: ["Kyiv", "كييف"], country: "UA" }, { name: ["Beijing", "بكين"], country: "CN" },
  { name: ["Tokyo", "طوكيو"], country: "JP" }, { name: ["New Delhi", "نيودلهي"], country: "IN" },
  { name: ["Khartoum", "الخرطوم"], country: "SD" }, { name: ["Tripoli", "طرابلس"], country: "LY" },
  { name: ["Tunis", "تونس"], country: "TN" }, { name: ["Algiers", "الجزائر"], country: "DZ" },
  { name: ["Rabat", "الرباط"], country: "MA" }, { name: ["Sanaa", "صنعاء"], country: "YE" },
  { name: ["Muscat", "مسقط"], country: "OM" }, { name: ["Kuwait City", "مدينة الكويت"], country: "KW" },
  { name: ["Manama", "المنامة"], country: "BH" }, { name: ["Brussels", "بروكسل"], country: "BE" },
  { name: ["Geneva", "جنيف"], country: "CH" }, { name: ["Rome", "روما"], country: "IT" },
  { name: ["Madrid", "مدريد"], country: "ES" }, { name: ["Islamabad", "إسلام أباد"], country: "PK" },
  { name: ["Addis Ababa", "أديس أبابا"], country: "ET" }, { name: ["Nairobi", "نيروبي"], country: "KE" },
];

/** Countries by how often news mentions them, most first; the rest of the country table follows. */
export const POPULAR_COUNTRIES = [
  "US", "EG", "SA", "PS", "IL", "IR", "IQ", "SY", "LB", "AE", "QA", "JO", "TR", "RU", "UA", "CN", "GB", "FR", "YE", "SD",
  "LY", "DE", "MA", "DZ", "TN", "KW", "OM", "BH", "IN", "PK", "AF", "ET", "JP", "IT", "ES", "BE", "CH", "KE", "SO", "MR",
];

export interface SourceSpec { name: string; slug: string; language: "ar" | "en" }

/** Fictional outlets; hosts live under .invalid (RFC 2606) so nothing can ever fetch them. */
export const SOURCES: SourceSpec[] = [
  { name: "وكالة أنباء المشرق", slug: "mashreq-agency", language: "ar" },
  { name: "The Daily Ledger", slug: "daily-ledger", language: "en" },
  { name: "صحيفة الفجر الجديد", slug: "alfajr-aljadid", language: "ar" },
  { name: "Gulf Morning Post", slug: "gulf-morning-post", language: "en" },
  { name: "النهار العربي اليوم", slug: "annahar-today", language: "ar" },
  { name: "Levant Wire", slug: "levant-wire", language: "en" },
  { name: "بوابة الخبر", slug: "bawabat-alkhabar", language: "ar" },
  { name: "Nile Review", slug: "nile-review", language: "en" },
  { name: "شبكة الأخبار المتحدة", slug: "united-news-network", language: "ar" },
  { name: "Crescent Times", slug: "crescent-times", language: "en" },
  { name: "الرأي الحر", slug: "alrai-alhurr", language: "ar" },
  { name: "Maghreb Observer", slug: "maghreb-observer", language: "en" },
  { name: "صدى البلد الإخباري", slug: "sada-albalad", language: "ar" },
  { name: "Red Sea Chronicle", slug: "red-sea-chronicle", language: "en" },
  { name: "مرصد الخليج", slug: "marsad-alkhaleej", language: "ar" },
  { name: "Euphrates Herald", slug: "euphrates-herald", language: "en" },
  { name: "أخبار الساعة", slug: "akhbar-alsaa", language: "ar" },
  { name: "Atlas Business Daily", slug: "atlas-business", language: "en" },
  { name: "المشهد الرياضي", slug: "almashhad-sport", language: "ar" },
  { name: "Oasis Tech Report", slug: "oasis-tech", language: "en" },
];

/** Roles for people's descriptions. */
export const ROLES: Pair[] = [
  ["Foreign minister", "وزير الخارجية"], ["President", "الرئيس"], ["Prime minister", "رئيس الوزراء"], ["Finance minister", "وزير المالية"],
  ["Central bank governor", "محافظ البنك المركزي"], ["Army chief of staff", "رئيس أركان الجيش"], ["Opposition leader", "زعيم المعارضة"],
  ["Government spokesperson", "المتحدث باسم الحكومة"], ["Footballer", "لاعب كرة قدم"], ["Football coach", "مدرب كرة قدم"],
  ["Businessman", "رجل أعمال"], ["Economist", "خبير اقتصادي"], ["Actor", "ممثل"], ["Singer", "مطرب"], ["Novelist", "روائي"],
  ["Journalist", "صحفي"], ["Scientist", "عالم"], ["Judge", "قاض"], ["Human rights activist", "ناشط حقوقي"], ["Member of parliament", "نائب في البرلمان"],
];

/** Story topics for events and their headlines. */
export const TOPICS: Pair[] = [
  ["ceasefire talks", "محادثات وقف إطلاق النار"], ["fuel price protests", "احتجاجات أسعار الوقود"], ["parliamentary election", "الانتخابات البرلمانية"],
  ["currency crisis", "أزمة العملة"], ["water agreement", "اتفاق المياه"], ["cabinet reshuffle", "التعديل الوزاري"],
  ["border clashes", "اشتباكات حدودية"], ["investment summit", "قمة الاستثمار"], ["flood emergency", "حالة طوارئ بسبب الفيضانات"],
  ["football cup final", "نهائي كأس كرة القدم"], ["film festival", "مهرجان السينما"], ["teachers' strike", "إضراب المعلمين"],
  ["power outages", "انقطاع الكهرباء"], ["gas field discovery", "اكتشاف حقل غاز"], ["corruption trial", "محاكمة فساد"],
  ["refugee return plan", "خطة عودة اللاجئين"], ["budget debate", "نقاش الموازنة"], ["drone attacks", "هجمات بطائرات مسيرة"],
  ["heatwave", "موجة الحر"], ["wheat shortage", "نقص القمح"], ["port expansion", "توسعة الميناء"], ["satellite launch", "إطلاق قمر صناعي"],
  ["hostage release", "إطلاق سراح الرهائن"], ["IMF loan talks", "مفاوضات قرض صندوق النقد"], ["earthquake relief", "إغاثة منكوبي الزلزال"],
  ["university exams", "امتحانات الجامعات"], ["vaccination campaign", "حملة التطعيم"], ["peace conference", "مؤتمر السلام"],
  ["trade tariffs dispute", "نزاع الرسوم الجمركية"], ["airport reopening", "إعادة افتتاح المطار"], ["constitutional referendum", "الاستفتاء على الدستور"],
  ["oil output cut", "خفض إنتاج النفط"], ["prisoner exchange", "تبادل الأسرى"], ["wildfires", "حرائق الغابات"], ["housing protests", "احتجاجات السكن"],
  ["tech startup fund", "صندوق الشركات الناشئة"], ["rail link project", "مشروع الربط السككي"], ["journalists' detention", "احتجاز الصحفيين"],
  ["aid convoy", "قافلة المساعدات"], ["league title race", "سباق لقب الدوري"],
];

/** Short section labels a source would print, per shared category id. */
export const SECTIONS: Record<string, Pair> = {
  politics: ["Politics", "سياسة"],
  "economy-business-finance": ["Business", "اقتصاد"],
  "conflict-war-peace": ["World", "عربي ودولي"],
  sport: ["Sport", "رياضة"],
  "arts-culture-entertainment-media": ["Culture", "ثقافة وفنون"],
  "science-technology": ["Technology", "تكنولوجيا"],
  health: ["Health", "صحة"],
  "crime-law-justice": ["Crime", "حوادث وقضايا"],
  environment: ["Environment", "بيئة"],
  education: ["Education", "تعليم"],
  society: ["Society", "مجتمع"],
  weather: ["Weather", "الطقس"],
};

/** How often each category appears, most first. */
export const CATEGORY_WEIGHTS: [string, number][] = [
  ["politics", 30], ["economy-business-finance", 16], ["conflict-war-peace", 14], ["sport", 10], ["arts-culture-entertainment-media", 6],
  ["science-technology", 5], ["health", 5], ["crime-law-justice", 5], ["environment", 3], ["education", 2], ["society", 2], ["weather", 2],
];

export const CREDITS: Pair[] = [
  ["Staff photographer", "مصور الصحيفة"], ["Khabar Images", "صور خبر"], ["Agency photo", "صورة وكالة"], ["Handout", "صورة موزعة"], ["Social media", "وسائل التواصل"],
];
