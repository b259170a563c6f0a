import { randomUUID, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../../platform/crypto/index.js';
import type { RequestContext } from '../../platform/http/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import type { IntegrationsDeps } from './integrations.deps.js';
import { integrationsErrors } from './integrations.errors.js';
import type { TInboundOrder } from './integrations.schema.js';
import * as store from './integrations.store.js';
import type { IntegrationsTables } from './integrations.tables.js';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * An order a connected online shop sends in, with the token issued for that connection: accepted only
 * while the connection is enabled, stored as its owner's with the connection as its source (the same
 * order sent again replaces the copy), and audited. A missing or wrong token changes nothing.
 */
export async function receiveOrder(deps: Pick<IntegrationsDeps, 'uow' | 'now'>, connectionId: string, token: string | null, order: TInboundOrder, ctx: RequestContext) {
  return deps.uow.run({ actor: { id: null, role: 'integration' }, requestId: ctx.requestId }, async (work) => {
    const db = tablesOf<IntegrationsTables>(work);
    const connection = await store.findConnection(db, connectionId);
    if (!connection?.inbound_token_hash || !token || !sameHash(hashToken(token), connection.inbound_token_hash) || connection.status !== 'enabled') throw integrationsErrors.badToken();
    const { id } = await store.upsertInboundRecord(db, {
      id: randomUUID(),
      connection_id: connection.id,
      owner_id: connection.owner_id,
      source: `${connection.system}:${connection.name}`,
      kind: 'ecommerce.order',
      external_id: order.externalId,
      payload: JSON.stringify(order),
      received_at: deps.now(),
    });
    await work.audit({ action: 'integrations.record_received', subjectId: connection.owner_id, target: { type: 'integration_inbound_record', id }, details: { connectionId: connection.id, kind: 'ecommerce.order' } });
    return { id };
  });
}
