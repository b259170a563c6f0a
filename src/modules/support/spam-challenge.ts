import type { Challenge } from 'altcha-lib';
import { z } from 'zod';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import * as store from './support.store.js';
import type { Queryable } from '../../platform/db/index.js';
import type { SupportTables } from './support.tables.js';

/**
 * The contact form's spam check, with no third party: a proof-of-work challenge (altcha) the browser
 * solves before sending, signed with a key derived from the master keys so it cannot be forged, and
 * spent once used so one solution cannot carry a flood.
 */
/** altcha-lib (and its hashing library) loads with the first challenge, not when the server starts. */
async function altcha() {
  const [{ createChallenge, verifySolution }, { deriveKey }] = await Promise.all([import('altcha-lib'), import('altcha-lib/algorithms/sha')]);
  return { createChallenge, verifySolution, deriveKey };
}

export async function issueChallenge(deps: Pick<SupportDeps, 'settings' | 'challengeSecret' | 'now'>): Promise<Challenge> {
  const { createChallenge, deriveKey } = await altcha();
  return createChallenge({
    algorithm: 'SHA-256',
    cost: deps.settings.challengeCost,
    deriveKey,
    expiresAt: new Date(Date.now() + deps.settings.challengeMinutes * 60_000),
    hmacSignatureSecret: deps.challengeSecret,
  });
}

const ZPayload = z.object({
  challenge: z.object({ parameters: z.looseObject({ algorithm: z.string(), nonce: z.string(), salt: z.string(), cost: z.number(), keyLength: z.number(), keyPrefix: z.string() }), signature: z.string() }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string(), time: z.number().optional() }),
});

/** Checks a solved challenge and spends it in `db` (the form's unit of work): refused, nothing is stored. */
export async function spendSolvedChallenge(deps: Pick<SupportDeps, 'challengeSecret' | 'now'>, db: Queryable<SupportTables>, encoded: string | undefined): Promise<void> {
  if (!encoded) throw supportErrors.challengeMissing();
  let payload: z.infer<typeof ZPayload>;
  try {
    payload = ZPayload.parse(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
  } catch {
    throw supportErrors.challengeFailed('not a solved challenge');
  }
  const challenge = payload.challenge as unknown as Challenge;
  const { verifySolution, deriveKey } = await altcha();
  const result = await verifySolution({ challenge, solution: payload.solution, deriveKey, hmacSignatureSecret: deps.challengeSecret });
  if (result.expired) throw supportErrors.challengeFailed('it expired');
  if (!result.verified) throw supportErrors.challengeFailed('the solution is wrong');
  const expiresAt = typeof challenge.parameters.expiresAt === 'number' ? new Date(challenge.parameters.expiresAt * 1000) : new Date(deps.now().getTime() + 86_400_000);
  if (!(await store.spendChallenge(db, payload.challenge.signature, expiresAt, deps.now()))) throw supportErrors.challengeFailed('it was used already');
}
