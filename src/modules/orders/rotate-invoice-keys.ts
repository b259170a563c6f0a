import { wrappedKeyMasterId } from '../../platform/crypto/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import type { OrdersDeps } from './orders.deps.js';
import * as invoices from './invoices.store.js';

const PAGE = 200;

/**
 * Key rotation for invoices: after the files module switched the vault to the new primary master key
 * (`rewrapAllKeys`), every invoice's PDF key is re-wrapped under it, so retiring an old master key never
 * makes an invoice unreadable while the law still needs it. The PDF is not touched (the immutability
 * trigger lets only the wrapped key change). Idempotent, like the files' rotation.
 */
export async function rewrapInvoiceKeys(deps: OrdersDeps) {
  const vault = deps.fileVault.vault();
  const primary = deps.fileVault.masterKeys().primary.id;
  let rewrapped = 0;
  let alreadyCurrent = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await invoices.listInvoiceKeysAfter(deps.db, after, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      if (wrappedKeyMasterId(row.wrapped_key) === primary) {
        alreadyCurrent++;
        continue;
      }
      await invoices.replaceInvoiceKey(deps.db, row.id, row.wrapped_key, vault.rewrapKey(row.wrapped_key));
      rewrapped++;
    }
  }
  await deps.uow.run({ actor: CLI_ACTOR }, async (work) => {
    await work.audit({ action: 'invoices.keys_rewrapped', details: { masterKeyId: primary, rewrapped, alreadyCurrent } });
  });
  return { masterKeyId: primary, rewrapped, alreadyCurrent };
}
