import type { JSONColumnType, Selectable } from 'kysely';

/**
 * What a connection may hear of. The unit of work's publishers state these; a module that adds an
 * event (the configurator's `configuration.saved`) adds its type here.
 */
export const EVENT_TYPES = ['order.placed', 'order.status_changed', 'project.status_changed', 'configuration.saved'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The kind of system connected: a plain webhook receiver, or a named ERP, CRM or e-commerce system. */
export const SYSTEMS = ['webhook', 'erp', 'crm', 'ecommerce'] as const;
export type ConnectedSystem = (typeof SYSTEMS)[number];

/** How a named connector's credential is sent to its system. */
export const CREDENTIAL_SCHEMES = ['bearer', 'header'] as const;
export type CredentialScheme = (typeof CREDENTIAL_SCHEMES)[number];

export type ConnectionStatus = 'enabled' | 'disabled' | 'disconnected';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'refused' | 'cancelled';

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface IntegrationsTables {
  integration_connections: {
    id: string;
    owner_id: string;
    organisation_id: string | null;
    name: string;
    system: ConnectedSystem;
    url: string | null;
    event_types: Json<EventType[]>;
    secret: string | null;
    inbound_token_hash: string | null;
    /** How a named connector's credential is sent: `Authorization: Bearer …`, or in a header of its own. */
    credential_scheme: CredentialScheme | null;
    /** The header's name for the `header` scheme (such as X-API-Key). */
    credential_header: string | null;
    /** The credential, sealed under the master key (`sealSecret`); never returned. */
    credential_sealed: string | null;
    /** Its last characters, so its owner can tell which one is stored. */
    credential_hint: string | null;
    status: ConnectionStatus;
    disabled_reason: string | null;
    created_at: Date;
    updated_at: Date;
  };
  integration_events: {
    id: string;
    type: string;
    subject_id: string | null;
    record_table: string;
    record_id: string;
    /** The record's fields a connected system may receive (personal ones only where the policy allowed them when it happened). */
    data: Json<Record<string, unknown>>;
    /** Each personal field's category, so the hand-over can check it again when sending. */
    categories: Json<Record<string, string>>;
    occurred_at: Date;
  };
  integration_deliveries: {
    id: string;
    connection_id: string;
    event_id: string;
    subject_id: string | null;
    status: DeliveryStatus;
    attempts: number;
    next_attempt_at: Date | null;
    last_status_code: number | null;
    last_error: string | null;
    /** The attempt being sent now (its row has no answer yet), or null. */
    sending_attempt_id: string | null;
    /** Until when that attempt holds the delivery; past it, the attempt was interrupted and is sent again. */
    sending_until: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  integration_attempts: {
    id: string;
    delivery_id: string;
    attempted_at: Date;
    status_code: number | null;
    error: string | null;
    disclosure_id: string | null;
  };
  integration_inbound_records: {
    id: string;
    connection_id: string;
    owner_id: string;
    source: string;
    kind: string;
    external_id: string;
    payload: Json<Record<string, unknown>>;
    received_at: Date;
  };
}

export type ConnectionRow = Selectable<IntegrationsTables['integration_connections']>;
export type EventRow = Selectable<IntegrationsTables['integration_events']>;
export type DeliveryRow = Selectable<IntegrationsTables['integration_deliveries']>;
