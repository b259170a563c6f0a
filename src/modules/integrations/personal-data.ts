import { defineTables, notPersonal } from '../../platform/registry/index.js';

/**
 * The category of what this module keeps: data exchanged with a system the person connects. The
 * taxonomy has one per kind (ERP, CRM, e-commerce), and what each kind is sent is told apart where it
 * leaves (`system-recipient.ts`: the hand-over names the kind's category). The records received are
 * e-commerce data: only an e-commerce connection sends orders in. A registry column has one category,
 * so the connections and their delivery logs are classed with them whatever the kind.
 */
const exchanged = { category: 'integration.ecommerce', erase: 'delete-row' } as const;
const secret = { ...exchanged, export: false } as const;
const owner = { category: 'account.id', erase: 'delete-row' } as const;
const followDelivery = { via: 'delivery_id' } as const;

export const integrationsData = defineTables({
  integration_connections: {
    subject: 'owner_id',
    retentionStart: 'updated_at',
    description: 'The systems you connected (ERP, CRM, online shop or a webhook URL): where we send events, which ones, and the keys that sign and accept them.',
    columns: {
      id: notPersonal,
      owner_id: owner,
      organisation_id: notPersonal,
      name: exchanged,
      system: exchanged,
      url: exchanged,
      event_types: exchanged,
      secret,
      inbound_token_hash: secret,
      credential_scheme: notPersonal,
      credential_header: notPersonal,
      credential_sealed: secret,
      credential_hint: exchanged,
      status: exchanged,
      disabled_reason: exchanged,
      created_at: exchanged,
      updated_at: notPersonal,
    },
  },
  integration_events: {
    subject: 'subject_id',
    retentionStart: 'occurred_at',
    description: 'Events about you (an order placed, a status changed) kept for the systems you connected, with only the fields the policy lets them receive.',
    columns: {
      id: notPersonal,
      type: exchanged,
      subject_id: owner,
      record_table: notPersonal,
      record_id: notPersonal,
      data: exchanged,
      categories: notPersonal,
      occurred_at: exchanged,
    },
  },
  integration_deliveries: {
    subject: 'subject_id',
    retentionStart: 'created_at',
    description: 'Each delivery of an event to a connected system, and whether it arrived.',
    columns: {
      id: notPersonal,
      connection_id: notPersonal,
      event_id: notPersonal,
      subject_id: owner,
      status: exchanged,
      attempts: exchanged,
      next_attempt_at: notPersonal,
      last_status_code: exchanged,
      last_error: exchanged,
      sending_attempt_id: notPersonal,
      sending_until: notPersonal,
      created_at: exchanged,
      updated_at: notPersonal,
    },
  },
  integration_attempts: {
    subject: null,
    retentionStart: 'attempted_at',
    retentionClocks: { last_activity: followDelivery, project_completed: followDelivery, relationship_ended: followDelivery, account_closed: followDelivery, order_completed: followDelivery },
    description: 'Each attempt to deliver an event: when, and what the receiving system answered.',
    columns: {
      id: notPersonal,
      delivery_id: notPersonal,
      attempted_at: exchanged,
      status_code: exchanged,
      error: exchanged,
      disclosure_id: notPersonal,
    },
  },
  integration_inbound_records: {
    subject: 'owner_id',
    retentionStart: 'received_at',
    description: 'Records a system you connected sent us (such as an order from your online shop), tagged with where they came from.',
    columns: {
      id: notPersonal,
      connection_id: notPersonal,
      owner_id: owner,
      source: exchanged,
      kind: exchanged,
      external_id: exchanged,
      payload: exchanged,
      received_at: exchanged,
    },
  },
});
