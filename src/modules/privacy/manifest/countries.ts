/**
 * Countries are ISO 3166-1 alpha-2 codes (plus EU for "the European Union"). Names come from the
 * runtime's ICU data, so there is no hand-kept country list to drift.
 */
let names: Intl.DisplayNames | undefined;

/** Made once: building a DisplayNames loads ICU data, and a manifest asks for a name per country it lists. */
function regionNames(): Intl.DisplayNames {
  return (names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }));
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames().of(code) !== undefined;
}

export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return regionNames().of(code) ?? code;
}

/** "the United States", "Luxembourg": the name as it reads inside a sentence. */
export function countryInSentence(code: string): string {
  const name = countryName(code);
  return /^(United |Netherlands|Philippines|Czech|Dominican|Bahamas|Gambia|Central African|Marshall|Solomon|European Union)/.test(name) ? `the ${name}` : name;
}
