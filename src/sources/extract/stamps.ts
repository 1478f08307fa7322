import { foldLabel } from "./labels";

// Words a date or time line is made of, in Arabic, English and the main Latin-script languages
// (Arabic in folded spelling: أ→ا, ة→ه, ى→ي).
const MONTHS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|" +
  "janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|" +
  "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januar|februar|märz|juni|juli|oktober|dezember|" +
  "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|" +
  "يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|الاول|الثاني";
const WEEKDAYS =
  "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|" +
  "segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira|sábado|sabado|domingo|lunes|martes|miércoles|miercoles|jueves|viernes|" +
  "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|" +
  "الاثنين|الإثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد";
// Stamp words that accompany dates on bylines ("Updated", "آخر تحديث", "(GMT+0400)").
const STAMP_WORDS = "published|updated|posted|last|modified|first|publicado|atualizado|actualizado|mis|jour|publié|veröffentlicht|aktualisiert|اخر|تحديث|نشر|نشرت|نشره|تم|محدث|تاريخ|النشر";
const GLUE = "at|on|the|of|am|pm|de|del|às|as|a|à|le|el|um|uhr|h|hs|hrs|a\\.m|p\\.m|utc|gmt|[a-z]{1,2}[sd]t|cet|cest|bst|ist|hkt|jst|et|pt|ct|mt|st|nd|rd|th|في|الساعه|صباحا|مساء|ص|م|بتوقيت|غرينتش";
const DATE_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MONTHS}|${WEEKDAYS}|${GLUE}|${STAMP_WORDS})(?![\\p{L}\\p{N}])`, "giu");

/**
 * A line that is only a date and/or time, possibly with stamp words: "4:00 am CST, Wednesday, November 20, 2019",
 * "10 يوليو 2025", "الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)".
 */
export function isDateOnly(text: string): boolean {
  const folded = foldLabel(text);
  if (!/\d/.test(folded)) return false;
  // Something must read as a date: a month or weekday name, 10/11/2019, 4:07, or a year with a day.
  const dateShaped =
    new RegExp(`(?<![\\p{L}])(?:${MONTHS}|${WEEKDAYS})(?![\\p{L}])`, "iu").test(folded) ||
    /\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}/.test(folded);
  if (!dateShaped) return false;
  const rest = folded
    .replace(/\d{4}-\d{2}-\d{2}t[\d:.]+(?:z|[+-]\d{2}:?\d{2})?/g, " ")
    .replace(DATE_WORD, " ")
    .replace(/[\d\s.,:/|·•()[\]'’\-–—+،;]+/gu, "")
    .trim();
  return rest.length === 0 && (folded.match(/\d+/g) ?? []).length <= 7;
}
