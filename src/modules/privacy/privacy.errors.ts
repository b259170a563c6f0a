import { AppError } from '../../platform/errors/index.js';
import type { StoredRows } from '../../platform/registry/index.js';
import { formatProblem, type ManifestProblem } from './manifest/index.js';
import type { AcceptanceMode } from './manifest/schema.js';

/** What a refused acceptance says it left undone: a sign-up creates nothing, a later acceptance records nothing. */
type NothingDone = 'nothing was created' | 'nothing was recorded';

export const privacyErrors = {
  invalidManifest: (problems: ManifestProblem[]) =>
    new AppError(
      'unprocessable',
      `The manifest has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was published. ${problems
        .slice(0, 3)
        .map(formatProblem)
        .join('; ')}${problems.length > 3 ? '; …' : ''}`,
      { problems },
    ),
  unchanged: (version: number) =>
    new AppError('conflict', `This manifest states exactly what version ${version} states; nothing was published. Change the manifest first.`, { version }),
  noVersion: (version: number) => new AppError('not_found', `There is no published version ${version} of the privacy policy.`, { version }),
  categoriesStillStored: (held: ReadonlyArray<{ category: string; tables: StoredRows[] }>) =>
    new AppError(
      'conflict',
      `This manifest stops declaring ${held.length === 1 ? 'a category' : `${held.length} categories`} of personal data the installation still holds; nothing was published. ${held
        .map(({ category, tables }) => `${category}: ${tables.map((t) => `${t.rows} row${t.rows === 1 ? '' : 's'} in ${t.table}`).join(', ')}`)
        .join('; ')}. Keep declaring ${held.length === 1 ? 'it' : 'them'} until the retention periods have ended those rows, or erase them (the people's erasure, or deleting the projects or fields that hold them), then publish again.`,
      { categories: held.map(({ category, tables }) => ({ category, tables: tables.map((t) => ({ table: t.table, rows: t.rows })) })) },
    ),
  nothingPublished: () => new AppError('unavailable', 'No privacy policy has been published yet.'),
  noNotice: (version: number) => new AppError('not_found', `You have no notice about version ${version} of the privacy policy.`, { version }),
  policyChanged: (shown: number, inForce: number, hash: string, nothing: NothingDone = 'nothing was created') =>
    new AppError(
      'conflict',
      shown === inForce
        ? `The privacy policy you were shown (version ${shown}) does not match the published text. Re-read it and try again; ${nothing}.`
        : `The privacy policy changed while you were reading it: version ${inForce} is now in force, you were shown version ${shown}. Re-read it and try again; ${nothing}.`,
      { reason: 'policy_changed', version: inForce, documentHash: hash },
    ),
  acceptanceMissing: (inForce: number, hash: string, nothing: NothingDone = 'nothing was created') =>
    new AppError('bad_request', `Send the privacy policy version you were shown (policy.version ${inForce} and policy.hash from /privacy.json); ${nothing}.`, {
      reason: 'policy_missing',
      version: inForce,
      documentHash: hash,
    }),
  acceptanceNotTicked: (version: number, nothing: NothingDone = 'nothing was created', path = 'body.policy.accepted') =>
    new AppError('bad_request', `Tick the box to accept the privacy policy (version ${version}); ${nothing}.`, {
      reason: 'policy_not_accepted',
      errors: [{ path, message: 'you must accept the privacy policy' }],
    }),
  /** The gate in front of every route that processes a person's data, for an account made for them (CLI, first admin). */
  acceptanceRequired: (version: number, hash: string, acceptance: AcceptanceMode) =>
    new AppError(
      'forbidden',
      `Accept the privacy policy (version ${version}) to continue: your account was made for you, and nobody has accepted the policy for it yet. Read it at /privacy, then POST /api/me/policy-acceptance with its version and document_hash from /privacy.json. You may still sign out, or ask for a copy or the erasure of your data.`,
      { reason: 'policy_acceptance_required', version, documentHash: hash, acceptance },
    ),
  noPrompt: () => new AppError('not_found', 'No such pending consent question: it does not exist, is not yours, or was already answered.'),
};

/**
 * Why an installation refuses to run: its code stores data the policy in force does not declare.
 * An AppError, so the CLI prints the message alone rather than a stack trace.
 */
export class UndeclaredCategoriesError extends AppError {
  constructor(
    readonly version: number,
    readonly missing: ReadonlyMap<string, readonly string[]>,
  ) {
    const lines = [...missing].map(([category, columns]) => `  ${category} (stored in ${columns.slice(0, 4).join(', ')}${columns.length > 4 ? ', …' : ''})`);
    super(
      'unavailable',
      `The privacy policy in force (version ${version}) does not declare ${missing.size === 1 ? 'a category' : `${missing.size} categories`} of personal data this installation stores:\n${lines.join('\n')}\n` +
        'Meshvault refuses to run while its code stores data its published policy does not mention. Publish a manifest that declares ' +
        `${missing.size === 1 ? 'it' : 'them'} (meshvault privacy publish FILE), or run the Meshvault version that matches the policy.`,
      { version, categories: [...missing.keys()] },
    );
  }
}
