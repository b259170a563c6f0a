import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const privacyData = defineTables({
  manifest_versions: {
    // The policy itself is about no one; only the officer who published a version is a person.
    subject: null,
    alsoSubjects: ['published_by'],
    description: 'Every version of our privacy policy as published, and which privacy officer published it.',
    columns: {
      id: notPersonal,
      version: notPersonal,
      yaml: notPersonal,
      published_at: notPersonal,
      effective_at: notPersonal,
      published_by: { category: 'account.id', erase: 'null' },
      change_level: notPersonal,
      summary: notPersonal,
      diff: notPersonal,
    },
  },
  policy_notices: {
    subject: 'user_id',
    retentionStart: 'sent_at',
    description: 'The policy-change notices we e-mailed you, and when you acknowledged them.',
    columns: {
      user_id: { category: 'account.id', erase: 'delete-row' },
      version: { category: 'communications.notices', erase: 'delete-row' },
      sent_at: { category: 'communications.notices', erase: 'delete-row' },
      acknowledged_at: { category: 'communications.notices', erase: 'delete-row' },
    },
  },
  consent_prompts: {
    subject: 'user_id',
    retentionStart: 'created_at',
    description: 'When a policy change needed your consent again: what we asked, and your answer.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      version: { category: 'consent.record', erase: 'delete-row' },
      purposes: { category: 'consent.record', erase: 'delete-row' },
      created_at: { category: 'consent.record', erase: 'delete-row' },
      answered_at: { category: 'consent.record', erase: 'delete-row' },
      answer: { category: 'consent.record', erase: 'delete-row' },
    },
  },
  policy_acceptances: {
    subject: 'user_id',
    retentionStart: 'accepted_at',
    description: 'Which version of our privacy policy you accepted, when, and how.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      version: { category: 'consent.record', erase: 'delete-row' },
      document_hash: { category: 'consent.record', erase: 'delete-row' },
      accepted_at: { category: 'consent.record', erase: 'delete-row' },
      how: { category: 'consent.record', erase: 'delete-row' },
    },
  },
});
