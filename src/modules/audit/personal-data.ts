import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const auditData = defineTables({
  audit_log: {
    subject: 'subject_id',
    alsoSubjects: ['actor_id'],
    retentionStart: 'at',
    // Append-only and hash-chained: pruned whole from the chain's start, never row by row.
    retentionEnforcedBy: 'audit',
    description: 'A tamper-evident record of who read or changed personal data, and when.',
    columns: {
      id: notPersonal,
      at: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      actor_id: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      actor_role: notPersonal,
      action: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      subject_id: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      target_type: notPersonal,
      target_id: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      request_id: notPersonal,
      details: { category: 'audit.trail', erase: 'keep-legal-duty', keepReason: 'accountability for how personal data was handled' },
      prev_hash: notPersonal,
      hash: notPersonal,
    },
  },
  audit_head: {
    subject: null,
    description: 'The newest entry of the audit chain.',
    columns: { id: notPersonal, last_id: notPersonal, last_hash: notPersonal, prev_hash: notPersonal },
  },
  audit_anchor: {
    subject: null,
    description: 'Where the audit chain starts after its oldest entries were pruned at the end of their period.',
    columns: { id: notPersonal, pruned_through_id: notPersonal, anchor_hash: notPersonal, pruned_rows: notPersonal, pruned_at: notPersonal },
  },
});
