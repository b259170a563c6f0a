import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireOrgAdmin } from '../orgs/index.js';
import { integrationsErrors } from './integrations.errors.js';
import * as store from './integrations.store.js';
import type { ConnectionRow, IntegrationsTables } from './integrations.tables.js';

/**
 * A connection its caller may manage: their own, or their organisation's when they administer it
 * (an admin of the organisation itself: the operator does not manage its members' connections).
 * Anyone else gets the same 404 whether or not it exists.
 */
export async function requireConnection(work: Work, principal: Principal, id: string, opts: { lock?: boolean } = {}): Promise<ConnectionRow> {
  const connection = await store.findConnection(tablesOf<IntegrationsTables>(work), id, opts);
  if (!connection) throw integrationsErrors.connectionNotFound();
  if (connection.owner_id === principal.userId) return connection;
  if (connection.organisation_id) {
    const admin = await work.savepoint('integrations-org-admin', () => requireOrgAdmin(work, principal, connection.organisation_id!)).catch(() => null);
    if (admin && !admin.asPlatformAdmin) return connection;
  }
  throw integrationsErrors.connectionNotFound();
}
