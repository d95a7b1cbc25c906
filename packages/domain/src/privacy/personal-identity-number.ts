import Personnummer from "personnummer";

/**
 * Candidates for a Swedish personal identity number (personnummer or samordningsnummer, SPEC §5):
 * YYYYMMDD[-+]NNNC (12 digits) or YYMMDD[-+]NNNC (10 digits), separator optional, not part of a
 * longer run of digits (so a 14-digit reference number is not read as a personnummer inside it).
 * The 12-digit form only starts with the centuries 18, 19 or 20, which keeps long order and
 * invoice numbers out. Besides the ASCII hyphen, the dashes a phone keyboard or a word processor
 * substitutes for it are accepted too.
 */
const CANDIDATE_PATTERN =
  /(?<!\d)(?:(?:18|19|20)\d{6}[-+\u2010\u2011\u2012\u2013\u2212]?\d{4}|\d{6}[-+\u2010\u2011\u2012\u2013\u2212]?\d{4})(?!\d)/g;

const SIX_DIGITS = /\d{6}/;

const DASH_VARIANTS = /[\u2010\u2011\u2012\u2013\u2212]/;

/**
 * The personnummer and samordningsnummer written in `text`, as they appear there.
 *
 * The date (day + 60 for a samordningsnummer) and the Luhn check digit of each candidate are
 * checked by the `personnummer` package, https://github.com/personnummer/js, so ordinary numbers
 * (dates, phone numbers, postcodes) pass unless they happen to be a valid number.
 */
export function findPersonalIdentityNumbers(text: string): string[] {
  // Every form starts with six digits in a row; most texts have none, and this test is cheap.
  if (!SIX_DIGITS.test(text)) return [];
  const found: string[] = [];
  for (const [candidate] of text.matchAll(CANDIDATE_PATTERN)) {
    if (Personnummer.valid(candidate.replace(DASH_VARIANTS, "-"))) found.push(candidate);
  }
  return found;
}

export function containsPersonalIdentityNumber(text: string): boolean {
  return findPersonalIdentityNumbers(text).length > 0;
}
