import { AppError } from '../../platform/errors/index.js';
import type { StoredRows } from '../../platform/registry/index.js';
import { formatProblem, type ManifestProblem } from './manifest/index.js';

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
  policyChanged: (shown: number, inForce: number, hash: string) =>
    new AppError(
      'conflict',
      shown === inForce
        ? `The privacy policy you were shown (version ${shown}) does not match the published text. Re-read it and try again; nothing was created.`
        : `The privacy policy changed while you were reading it: version ${inForce} is now in force, you were shown version ${shown}. Re-read it and try again; nothing was created.`,
      { reason: 'policy_changed', version: inForce, documentHash: hash },
    ),
  acceptanceMissing: (inForce: number, hash: string) =>
    new AppError('bad_request', `Send the privacy policy version you were shown (policy.version ${inForce} and policy.hash from /privacy.json); nothing was created.`, {
      reason: 'policy_missing',
      version: inForce,
      documentHash: hash,
    }),
  acceptanceNotTicked: (version: number) =>
    new AppError('bad_request', `Tick the box to accept the privacy policy (version ${version}); nothing was created.`, {
      reason: 'policy_not_accepted',
      errors: [{ path: 'body.policy.accepted', message: 'you must accept the privacy policy' }],
    }),
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
