import { defineTables, notPersonal } from '../../platform/registry/index.js';

const record = { category: 'consent.record', erase: 'delete-row' } as const;

export const consentData = defineTables({
  consent_records: {
    subject: 'user_id',
    retentionStart: 'decided_at',
    description: 'Your cookie and consent choices: what you agreed to, refused or withdrew, when, how, and the policy version you were shown.',
    columns: {
      id: notPersonal,
      seq: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      // Only an anonymous visitor's rows carry it, and only where the policy declares cookie identifiers.
      visitor_id: { category: 'technical.cookie_id', erase: 'delete-row', onlyIfDeclared: true },
      scope: record,
      decision: record,
      method: record,
      policy_version: record,
      policy_hash: record,
      notice_hash: record,
      decided_at: record,
    },
  },
});
