import { defineTables, notPersonal } from '../../platform/registry/index.js';

// Kept only where the policy declares marketing interactions: a campaign reaches each person once by its cursor alone.
const postal = { category: 'contact.postal_address', erase: 'delete-row', onlyIfDeclared: true } as const;
const delivery = { category: 'communications.marketing', erase: 'delete-row', onlyIfDeclared: true } as const;

export const marketingData = defineTables({
  // A campaign is the operator's own text, about no one; who wrote and sent it is in the audit trail.
  marketing_campaigns: {
    subject: null,
    description: 'Marketing campaigns: their topic, channel, text and sending progress.',
    columns: {
      id: notPersonal,
      purpose_id: notPersonal,
      topic: notPersonal,
      channel: notPersonal,
      subject: notPersonal,
      body_markdown: notPersonal,
      status: notPersonal,
      created_at: notPersonal,
      updated_at: notPersonal,
      cursor_user_id: notPersonal,
      examined: notPersonal,
      reached: notPersonal,
      started_at: notPersonal,
      finished_at: notPersonal,
    },
  },
  // Asked only where the policy offers post and declares postal addresses; dropped when no post opt-in remains.
  marketing_postal_addresses: {
    subject: 'user_id',
    retentionStart: 'updated_at',
    description: 'The postal address you gave us to receive our promotional mail by post.',
    columns: {
      user_id: { category: 'account.id', erase: 'delete-row' },
      line1: postal,
      line2: postal,
      postal_code: postal,
      city: postal,
      region: postal,
      country: postal,
      updated_at: postal,
    },
  },
  marketing_deliveries: {
    subject: 'user_id',
    retentionStart: 'delivered_at',
    description: 'Which of our promotional messages we sent you, on which channel and when.',
    columns: {
      // Which of the operator's campaigns: the row's other columns say what it means for the person.
      campaign_id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      channel: delivery,
      outcome: delivery,
      delivered_at: delivery,
    },
  },
});
