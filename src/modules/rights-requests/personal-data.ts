import { defineTables, notPersonal } from '../../platform/registry/index.js';

const proofOfRequest = 'proof that a data-rights request was received and answered on time (accountability)';

export const rightsRequestsData = defineTables({
  rights_requests: {
    subject: 'user_id',
    alsoSubjects: ['handled_by'],
    retentionStart: 'created_at',
    description: 'Requests about your data that you (or an agent you authorised) sent us, and our answers.',
    columns: {
      id: notPersonal,
      kind: { category: 'communications.support', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      name: { category: 'contact.name', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      email: { category: 'contact.email', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      jurisdiction: { category: 'communications.support', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      details: { category: 'communications.support', erase: 'null' },
      user_id: { category: 'account.id', erase: 'null' },
      agent_name: { category: 'contact.name', erase: 'null' },
      agent_email: { category: 'contact.email', erase: 'null' },
      agent_authority: { category: 'communications.support', erase: 'null' },
      status: notPersonal,
      verify_token_hash: { category: 'credentials.session', erase: 'null', export: false },
      verify_expires_at: notPersonal,
      verified_at: notPersonal,
      received_on: { category: 'communications.support', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      due_on: notPersonal,
      extension_reason: notPersonal,
      extended_at: notPersonal,
      answer: { category: 'communications.support', erase: 'keep-legal-duty', keepReason: proofOfRequest },
      answered_at: notPersonal,
      handled_by: { category: 'account.id', erase: 'null' },
      reminded_for: notPersonal,
      created_at: notPersonal,
    },
  },
});
