import { defineTables, notPersonal } from '../../platform/registry/index.js';

const keep = { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'a record of a disclosure made under a legal duty or at your request' } as const;

export const egressData = defineTables({
  processing_restrictions: {
    subject: 'user_id',
    retentionStart: 'since',
    description: 'Where you asked us to restrict processing of your data, or to stop a kind of processing such as marketing.',
    columns: {
      user_id: { category: 'account.id', erase: 'delete-row' },
      scope: { category: 'consent.record', erase: 'delete-row' },
      since: { category: 'consent.record', erase: 'delete-row' },
      reason: { category: 'consent.record', erase: 'delete-row' },
    },
  },
  disclosures: {
    subject: 'subject_id',
    alsoSubjects: ['recorded_by'],
    retentionStart: 'disclosed_at',
    description: 'Each time your data was actually handed to someone outside our installation: our mail provider, an integration you connected, or an authority that required it.',
    columns: {
      id: notPersonal,
      subject_id: keep,
      kind: keep,
      recipient: keep,
      categories: keep,
      legal_basis: keep,
      purpose: keep,
      outside_policy: keep,
      reference: keep,
      disclosed_at: keep,
      recorded_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
    },
  },
});
