/**
 * Month names the date parser recognises, keyed by their normalised spelling
 * (see normalizeDateText) so that أبريل/ابريل/إبريل or يونيو/يونيه meet one entry.
 */

/** Digits to ASCII, Arabic letter variants folded, diacritics/tatweel/bidi marks dropped, lower case. */
export function normalizeDateText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/[ىی]/g, "ي")
    .replace(/ک/g, "ك")
    .replace(/ة/g, "ه")
    .replace(/[،٬]/g, ",")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

// One row per month; every spelling in a row means that month.
const GREGORIAN: string[][] = [
  ["january", "jan", "janvier", "janv", "enero", "ene", "janeiro", "januar", "jänner", "gennaio", "يناير", "كانون الثاني", "كانون ثاني", "جانفي", "ژانویه", "ژانویهٔ"],
  ["february", "feb", "février", "fevrier", "févr", "fevr", "febrero", "fevereiro", "februar", "febbraio", "فبراير", "شباط", "فيفري", "فوریه"],
  ["march", "mar", "mars", "marzo", "março", "marco", "märz", "marz", "مارس", "آذار", "اذار"],
  ["april", "apr", "avril", "avr", "abril", "aprile", "أبريل", "إبريل", "نيسان", "أفريل", "افريل", "آوریل", "ابريل"],
  ["may", "mai", "mayo", "maio", "maggio", "مايو", "أيار", "ايار", "ماي", "مه"],
  ["june", "jun", "juin", "junio", "junho", "juni", "giugno", "يونيو", "يونيه", "حزيران", "جوان", "ژوئن"],
  ["july", "jul", "juillet", "juil", "julio", "julho", "juli", "luglio", "يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "ژوئیه"],
  ["august", "aug", "août", "aout", "agosto", "ago", "أغسطس", "اغسطس", "آب", "أوت", "اوت", "غشت"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "settembre", "سبتمبر", "أيلول", "ايلول", "شتنبر", "سپتامبر"],
  ["october", "oct", "octobre", "octubre", "outubro", "oktober", "okt", "ottobre", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول", "اكتبر", "اکتبر"],
  ["november", "nov", "novembre", "noviembre", "novembro", "نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر", "نوامبر"],
  ["december", "dec", "décembre", "decembre", "déc", "diciembre", "dic", "dezembro", "dezember", "dez", "dicembre", "ديسمبر", "كانون الأول", "كانون أول", "دجنبر", "دسامبر"],
];

const HIJRI: string[][] = [
  ["محرم", "المحرم"],
  ["صفر"],
  ["ربيع الأول", "ربيع الاول", "ربيع أول"],
  ["ربيع الثاني", "ربيع الآخر", "ربيع الاخر", "ربيع ثاني", "ربيع آخر"],
  ["جمادى الأولى", "جمادى الاولى", "جمادى الأول", "جمادى أولى"],
  ["جمادى الآخرة", "جمادى الاخرة", "جمادى الثانية", "جمادى الآخر", "جمادى ثاني"],
  ["رجب"],
  ["شعبان"],
  ["رمضان"],
  ["شوال"],
  ["ذو القعدة", "ذي القعدة"],
  ["ذو الحجة", "ذي الحجة"],
];

// Solar Hijri (Iranian) months; آذر is not the Levantine آذار.
const PERSIAN: string[][] = [
  ["فروردین"], ["اردیبهشت"], ["خرداد"], ["تیر"], ["مرداد", "امرداد"], ["شهریور"],
  ["مهر"], ["آبان"], ["آذر"], ["دی"], ["بهمن"], ["اسفند"],
];

function table(rows: string[][]): Map<string, number> {
  const map = new Map<string, number>();
  rows.forEach((names, i) => {
    for (const name of names) map.set(normalizeDateText(name), i + 1);
  });
  return map;
}

export const MONTHS = table(GREGORIAN);
export const HIJRI_MONTHS = table(HIJRI);
export const PERSIAN_MONTHS = table(PERSIAN);

/** A regex alternation of the table's names, longest first so "march" wins over "mar". */
export function monthAlternation(map: Map<string, number>): string {
  return [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|");
}

/** Looks a matched month name up after collapsing its inner whitespace. */
export function monthNumber(map: Map<string, number>, matched: string): number | undefined {
  return map.get(matched.replace(/\s+/g, " ").toLowerCase());
}
