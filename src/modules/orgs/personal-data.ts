import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const orgsData = defineTables({
  organisations: {
    subject: null,
    description: 'The organisations (companies, schools) whose members use this service; about a business, not one person.',
    columns: { id: notPersonal, name: { category: 'account.company', erase: 'keep-with-row', keepReason: 'the name belongs to the organisation, not to one member' }, created_at: notPersonal },
  },
  organisation_domains: {
    subject: null,
    description: 'The e-mail domains an organisation claims: addresses there join it on verification.',
    columns: { domain: notPersonal, org_id: notPersonal },
  },
  organisation_members: {
    subject: 'user_id',
    retentionStart: 'joined_at',
    description: 'Which organisation your account belongs to; its administrators can control your account and see its data.',
    columns: {
      org_id: { category: 'org.membership', erase: 'delete-row' },
      user_id: { category: 'account.id', erase: 'delete-row' },
      role: { category: 'org.membership', erase: 'delete-row' },
      status: { category: 'org.membership', erase: 'delete-row' },
      joined_at: { category: 'org.membership', erase: 'delete-row' },
    },
  },
  organisation_invitations: {
    // The invitee is known by address only (they may have no account yet); the inviter by id.
    subject: null,
    alsoSubjects: ['invited_by'],
    retentionStart: 'created_at',
    description: 'Invitations an organisation administrator sent to join their organisation.',
    columns: {
      id: notPersonal,
      org_id: { category: 'org.membership', erase: 'delete-row' },
      email: { category: 'contact.email', erase: 'delete-row' },
      token_hash: { category: 'credentials.session', erase: 'delete-row', export: false },
      invited_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
      expires_at: notPersonal,
      accepted_at: notPersonal,
    },
  },
});
