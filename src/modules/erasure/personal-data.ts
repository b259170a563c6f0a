import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const erasureData = defineTables({
  erasures: {
    subject: 'user_id',
    description: 'Erasures of accounts in progress; when one completes the account id is removed and only the certificate, which names no one, stays.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'null' },
      requested_by_role: notPersonal,
      origin: notPersonal,
      status: notPersonal,
      progress: notPersonal,
      certificate: notPersonal,
      certificate_text: notPersonal,
      certificate_token_hash: notPersonal,
      policy_version: notPersonal,
      created_at: notPersonal,
      completed_at: notPersonal,
    },
  },
  erasure_ledger: {
    // Keyed hashes identify no one without the installation's master key; they exist to erase again.
    subject: null,
    retentionStart: 'erased_at',
    description: 'A keyed hash of each erased account, so the erasure is repeated if an older backup is ever restored.',
    columns: {
      id: notPersonal,
      key_id: notPersonal,
      user_hash: { category: 'audit.trail', erase: 'keep-legal-duty', export: false, keepReason: 'a keyed hash only, to erase you again if an older backup is restored' },
      email_hash: { category: 'audit.trail', erase: 'keep-legal-duty', export: false, keepReason: 'a keyed hash only, to erase you again if an older backup is restored' },
      erased_at: notPersonal,
    },
  },
});
