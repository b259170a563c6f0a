/**
 * Payment card numbers (PANs) never enter Meshvault: card data goes to the payment provider's own page.
 * A run of 13 to 19 digits, optionally grouped by single spaces or dashes, that passes the Luhn check
 * is treated as one, wherever it appears in free text; the HTTP boundary refuses it and the logger masks it.
 * The run must stand alone: digits inside an identifier (a UUID's segments, a hex digest, a token) are
 * part of that word, not a card number, so a letter or digit next to it (also across a dash) rules it out.
 */
const CANDIDATE = /(?<![0-9A-Za-z])(?<![0-9A-Za-z]-)\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])(?!-[0-9A-Za-z])/g;

/** The Luhn checksum every card number carries (ISO/IEC 7812). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The card-number-like runs in `text`, as written. */
export function findCardNumbers(text: string): string[] {
  if (text.length < 13) return [];
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) found.push(match[0]);
  }
  return found;
}

export function containsCardNumber(text: string): boolean {
  return findCardNumbers(text).length > 0;
}

export const CARD_NUMBER_MASK = '[card number removed]';

/** `text` with every card-number-like run replaced by a mask. */
export function maskCardNumbers(text: string): string {
  if (text.length < 13) return text;
  return text.replace(CANDIDATE, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? CARD_NUMBER_MASK : run;
  });
}
