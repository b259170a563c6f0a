import type { Kysely } from 'kysely';
import type { PolicyValues } from '../privacy/index.js';
import { heldScopes } from '../legal-holds/index.js';
import { heldRows, readForeignKeys } from '../subject-data/index.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import { retentionSteps, type RetentionStep } from './retention-steps.js';
import { readNullableColumns } from './retention-walk.store.js';

/** The steps of a run as of `asOf`, from the live schema, the registry, the policy in force and the legal holds in force. */
export async function loadSteps(deps: Pick<RetentionBaseDeps, 'db' | 'registry'>, values: PolicyValues, asOf: Date): Promise<RetentionStep[]> {
  const db = deps.db as unknown as Kysely<unknown>;
  const [foreignKeys, nullable, held] = await Promise.all([readForeignKeys(db), readNullableColumns(db), heldScopes(db, asOf)]);
  return retentionSteps({ registry: deps.registry, foreignKeys, nullable, values, asOf, held: heldRows(deps.registry, foreignKeys, held) });
}
