import type { TConnection } from './integrations.schema.js';
import type { ConnectionRow } from './integrations.tables.js';

/** Where a connection's system sends its orders in. */
export function inboundOrdersUrl(publicUrl: string, connectionId: string): string {
  return `${publicUrl}/api/integrations/inbound/${connectionId}/orders`;
}

/** A connection as its owner sees it: never its secret or token (those are shown once), nor its credential (only a hint). */
export function connectionView(row: ConnectionRow, publicUrl: string): TConnection {
  return {
    id: row.id,
    name: row.name,
    system: row.system,
    url: row.url,
    eventTypes: row.event_types,
    status: row.status,
    disabledReason: row.disabled_reason,
    organisationId: row.organisation_id,
    credential: row.credential_scheme && row.credential_hint ? { scheme: row.credential_scheme, header: row.credential_header, hint: row.credential_hint } : null,
    inboundUrl: row.inbound_token_hash ? inboundOrdersUrl(publicUrl, row.id) : null,
    createdAt: row.created_at,
  };
}
