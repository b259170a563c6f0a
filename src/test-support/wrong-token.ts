/**
 * A token that differs from `token` in its last character only, and always differs: a guess one
 * character off, which a lookup must refuse like any other. (Setting the last character to a fixed
 * one would give back the real token whenever it already ends in that character.)
 */
export function wrongToken(token: string): string {
  if (!token) throw new Error('wrongToken needs a token to change');
  return `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
}
