import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const mailData = defineTables({
  mail_outbox: {
    subject: 'user_id',
    retentionStart: 'created_at',
    description: 'Copies of the e-mails we sent you (verification, security alerts, notices).',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'keep-with-row' },
      to_address: { category: 'contact.email', erase: 'delete-row' },
      subject: { category: 'communications.notices', erase: 'delete-row' },
      body_text: { category: 'communications.notices', erase: 'delete-row' },
      body_html: { category: 'communications.notices', erase: 'delete-row' },
      // List-Unsubscribe carries a link signed for the person.
      headers: { category: 'communications.notices', erase: 'delete-row' },
      // Which topic and channel the person was written to about: part of what the message was.
      marketing_target: { category: 'communications.notices', erase: 'delete-row' },
      kind: notPersonal,
      created_at: { category: 'communications.notices', erase: 'delete-row' },
      sent_at: notPersonal,
      attempts: notPersonal,
      last_error: notPersonal,
      // Our own addresses and ids (a support ticket's reply address), about no one.
      reply_to: notPersonal,
      message_id: notPersonal,
    },
  },
});
