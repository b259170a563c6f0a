import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/**
 * The contact form's spam check: the browser solves the server's proof-of-work challenge (a few
 * hundred thousand hashes, about a second) — no third party, no puzzle for the person.
 */
export async function solveSpamCheck(challenge: { parameters: Record<string, unknown>; signature?: string }): Promise<string> {
  const solution = await solveChallenge({ challenge: challenge as unknown as Challenge, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error('The spam check took too long. Send the form again.');
  return btoa(JSON.stringify({ challenge, solution }));
}
