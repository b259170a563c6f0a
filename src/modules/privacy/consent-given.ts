import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { PrivacyTables, PromptPurpose } from './privacy.tables.js';
import { readJson } from './stored-json.js';

const LOOK_BACK = 50;

/**
 * Whether the person's newest answer about a consent-based purpose (`purposeId`, as the manifest
 * names it) is yes. No answer is no consent. For other modules, inside their work.
 */
export async function hasConsented(work: Work, userId: string, purposeId: string): Promise<boolean> {
  const answers = await tablesOf<PrivacyTables>(work)
    .selectFrom('consent_prompts')
    .select(['purposes', 'answer'])
    .where('user_id', '=', userId)
    .where('answered_at', 'is not', null)
    .orderBy('answered_at', 'desc')
    .limit(LOOK_BACK)
    .execute();
  const newest = answers.find((a) => readJson<PromptPurpose[]>(a.purposes).some((p) => p.id === purposeId));
  return newest?.answer === 'accept';
}
