import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import type { IntegrationsDeps } from './integrations.deps.js';
import * as store from './integrations.store.js';

const PAGE = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Key rotation for connections: after the vault switched to a new primary master key, every webhook
 * signing secret and connector credential is sealed again under it (one stored before secrets were
 * sealed gets sealed now), so retiring an old master key never leaves a connection unable to sign or
 * call its system. Idempotent: a value already under the primary key is left as it is.
 */
export async function resealSecrets(deps: Pick<IntegrationsDeps, 'db' | 'uow' | 'credentials'>) {
  let resealed = 0;
  let alreadyCurrent = 0;
  let after = FIRST_ID;
  for (;;) {
    const rows = await store.connectionSecretsAfter(deps.db, after, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      const next = {
        secret: row.secret === null ? null : deps.credentials.reseal(row.secret),
        credential_sealed: row.credential_sealed === null ? null : deps.credentials.reseal(row.credential_sealed),
      };
      if (next.secret === row.secret && next.credential_sealed === row.credential_sealed) {
        alreadyCurrent++;
        continue;
      }
      await store.replaceSealed(deps.db, row, next);
      resealed++;
    }
  }
  await deps.uow.run({ actor: CLI_ACTOR }, (work) => work.audit({ action: 'integrations.secrets_resealed', details: { resealed, alreadyCurrent } }));
  return { resealed, alreadyCurrent };
}
