import { defineTables, notPersonal } from '../../platform/registry/index.js';

/** Messages and attachments run on their ticket's clock (its last message), whatever event the manifest names. */
const followTicket = { via: 'ticket_id' } as const;
const ticketClocks = { last_activity: followTicket, project_completed: followTicket, relationship_ended: followTicket, account_closed: followTicket, order_completed: followTicket };

const support = (erase: 'delete-row' | 'null' = 'delete-row') => ({ category: 'communications.support', erase }) as const;

/**
 * A ticket is the person's (customer_id, or their address before they have an account); its messages
 * and attachments follow it by foreign key. Retention runs from the last message: a conversation is
 * kept as long as the manifest says after it went quiet, whatever its status.
 */
export const supportData = defineTables({
  support_tickets: {
    subject: 'customer_id',
    alsoSubjects: ['assignee_id'],
    retentionStart: 'last_message_at',
    description: 'Your messages to our support desk (contact form and e-mail) and our answers.',
    columns: {
      id: notPersonal,
      token: { category: 'communications.support', erase: 'delete-row', export: false },
      customer_id: { category: 'account.id', erase: 'delete-row' },
      name: { category: 'contact.name', erase: 'delete-row', onlyIfDeclared: true },
      email: { category: 'contact.email', erase: 'delete-row' },
      topic: support(),
      status: notPersonal,
      assignee_id: { category: 'account.id', erase: 'null' },
      origin: notPersonal,
      confirmed_at: notPersonal,
      created_at: support(),
      last_message_at: notPersonal,
      resolved_at: notPersonal,
      closed_at: notPersonal,
      rights_request_id: notPersonal,
    },
  },
  support_messages: {
    subject: null,
    alsoSubjects: ['author_id'],
    retentionStart: 'created_at',
    retentionClocks: ticketClocks,
    description: 'Each message of a support conversation: yours, our replies and our internal notes about it.',
    columns: {
      id: notPersonal,
      ticket_id: notPersonal,
      kind: notPersonal,
      via: notPersonal,
      author_id: { category: 'account.id', erase: 'null' },
      body: support(),
      mail_message_id: notPersonal,
      created_at: support(),
    },
  },
  support_attachments: {
    subject: null,
    retentionStart: 'created_at',
    retentionClocks: ticketClocks,
    description: 'Files you attached to a support message, encrypted with a key of their own. Deleting the key erases the file.',
    columns: {
      id: notPersonal,
      ticket_id: notPersonal,
      message_id: notPersonal,
      file_name: support(),
      content_type: notPersonal,
      size_bytes: support(),
      sha256: support(),
      wrapped_key: { category: 'communications.support', erase: 'delete-row', export: false },
      storage_key: notPersonal,
      created_at: notPersonal,
    },
  },
  support_canned_replies: {
    subject: null,
    alsoSubjects: ['created_by'],
    description: 'Reply templates the support staff wrote; only who wrote one is about a person.',
    columns: {
      id: notPersonal,
      title: notPersonal,
      body: notPersonal,
      created_by: { category: 'account.id', erase: 'null' },
      created_at: notPersonal,
    },
  },
  support_spent_challenges: {
    subject: null,
    description: 'Spam challenges already solved on the contact form, until they expire; about no one.',
    columns: { signature: notPersonal, expires_at: notPersonal },
  },
});
