import { randomUUID } from 'node:crypto';
import { createSecretToken } from '../../platform/crypto/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { newWebhookSecret } from '../../platform/webhooks/index.js';
import { findOrganisationOfUser, requireOrgAdmin } from '../orgs/index.js';
import { requireConnection } from './connection-access.js';
import { NO_CREDENTIAL, sealCredential } from './connection-credential.js';
import { connectionView } from './connection-view.js';
import type { IntegrationsDeps } from './integrations.deps.js';
import { integrationsErrors } from './integrations.errors.js';
import type { TCreateConnection, TUpdateConnection } from './integrations.schema.js';
import * as store from './integrations.store.js';
import type { ConnectionRow, IntegrationsTables } from './integrations.tables.js';

type Deps = Pick<IntegrationsDeps, 'uow' | 'now' | 'publicUrl' | 'webhooks' | 'credentials'>;

/** A URL webhooks may reach (http(s), a public address unless the operator allows others), or the refusal. */
async function assertReachable(deps: Deps, url: string | undefined) {
  if (url === undefined) return;
  const problem = await deps.webhooks.checkUrl(url);
  if (problem) throw integrationsErrors.urlRefused(problem);
}

const audit = (work: Work, connection: Pick<ConnectionRow, 'id' | 'owner_id'>, action: string, details: Record<string, unknown> = {}) =>
  work.audit({ action: `integrations.${action}`, subjectId: connection.owner_id, target: { type: 'integration_connection', id: connection.id }, details });

/**
 * Connects a system: a webhook URL with the event types it wants (signed with a new `whsec_` secret)
 * and/or a token it sends records in with. The secret and token are returned once, never again.
 */
export async function connect(deps: Deps, principal: Principal, input: TCreateConnection, ctx: RequestContext) {
  await assertReachable(deps, input.url);
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    // Only the organisation's own admin connects a system for its members, not the operator acting as one.
    if (input.organisationId && (await requireOrgAdmin(work, principal, input.organisationId)).asPlatformAdmin) throw integrationsErrors.notOrgAdmin();
    const id = randomUUID();
    const now = deps.now();
    const secret = input.url ? newWebhookSecret() : null;
    const inbound = input.inbound ? createSecretToken() : null;
    const row: ConnectionRow = {
      id,
      owner_id: principal.userId,
      organisation_id: input.organisationId ?? null,
      name: input.name,
      system: input.system,
      url: input.url ?? null,
      event_types: input.eventTypes,
      secret: secret ? deps.credentials.seal(secret) : null,
      inbound_token_hash: inbound?.hash ?? null,
      ...(input.credential ? sealCredential(deps, input.credential) : NO_CREDENTIAL),
      status: 'enabled',
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    };
    await store.insertConnection(tablesOf<IntegrationsTables>(work), { ...row, event_types: JSON.stringify(row.event_types) });
    await audit(work, row, 'connected', { system: row.system, eventTypes: row.event_types, organisationId: row.organisation_id, inbound: Boolean(inbound), credential: row.credential_scheme });
    return { connection: connectionView(row, deps.publicUrl), secret, inboundToken: inbound?.token ?? null };
  });
}

/** The caller's connections and, for an organisation admin, the organisation's. */
export async function listConnections(deps: Deps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const membership = await findOrganisationOfUser(work, principal.userId);
    const orgId = membership?.role === 'admin' ? membership.orgId : null;
    const rows = await store.listConnections(tablesOf<IntegrationsTables>(work), principal.userId, orgId);
    return rows.map((row) => connectionView(row, deps.publicUrl));
  });
}

/** Renames, repoints, picks other events, or enables and disables a connection (enabling clears a 410's disabling). */
export async function updateConnection(deps: Deps, principal: Principal, id: string, input: TUpdateConnection, ctx: RequestContext) {
  await assertReachable(deps, input.url);
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const connection = await requireConnection(work, principal, id, { lock: true });
    if (connection.status === 'disconnected') throw integrationsErrors.disconnected();
    const url = input.url ?? connection.url;
    const eventTypes = input.eventTypes ?? connection.event_types;
    if (eventTypes.length && !url) throw integrationsErrors.eventsNeedUrl();
    if (input.credential && (!url || connection.system === 'webhook')) throw integrationsErrors.credentialNeedsConnector();
    const now = deps.now();
    const status = input.enabled === undefined ? connection.status : input.enabled ? 'enabled' : 'disabled';
    // A connection given its first URL gets its signing secret then (returned once, below).
    const firstSecret = !connection.secret && url ? newWebhookSecret() : null;
    const change = {
      name: input.name ?? connection.name,
      url,
      event_types: JSON.stringify(eventTypes),
      secret: connection.secret ?? (firstSecret ? deps.credentials.seal(firstSecret) : null),
      // A new credential replaces the old one at once; null removes it; absent keeps it.
      ...(input.credential === undefined ? {} : input.credential === null ? NO_CREDENTIAL : sealCredential(deps, input.credential)),
      status,
      disabled_reason: status === 'enabled' ? null : input.enabled === false ? 'Disabled by you.' : connection.disabled_reason,
      updated_at: now,
    };
    await store.updateConnection(tablesOf<IntegrationsTables>(work), id, change);
    await audit(work, connection, 'updated', { eventTypes, status, urlChanged: input.url !== undefined && input.url !== connection.url, credential: input.credential === undefined ? 'kept' : input.credential === null ? 'removed' : 'replaced' });
    const updated = { ...connection, ...change, event_types: eventTypes };
    return { connection: connectionView(updated, deps.publicUrl), secret: firstSecret, inboundToken: null };
  });
}

/** A new signing secret (the old one stops at once), returned once. */
export async function rotateSecret(deps: Deps, principal: Principal, id: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const connection = await requireConnection(work, principal, id, { lock: true });
    if (connection.status === 'disconnected') throw integrationsErrors.disconnected();
    if (!connection.url) throw integrationsErrors.noUrl();
    const secret = newWebhookSecret();
    await store.updateConnection(tablesOf<IntegrationsTables>(work), id, { secret: deps.credentials.seal(secret), updated_at: deps.now() });
    await audit(work, connection, 'secret_rotated');
    return { connection: connectionView(connection, deps.publicUrl), secret, inboundToken: null };
  });
}

/**
 * Disconnects a system, at once and for good: its secret, token and credential are destroyed, so nothing it
 * sends is accepted and nothing can be signed for it, and every delivery still waiting is cancelled
 * in the same transaction. Its delivery history stays for its owner until retention removes it.
 */
export async function disconnect(deps: Deps, principal: Principal, id: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const connection = await requireConnection(work, principal, id, { lock: true });
    if (connection.status === 'disconnected') return;
    const db = tablesOf<IntegrationsTables>(work);
    const now = deps.now();
    await store.updateConnection(db, id, { status: 'disconnected', secret: null, inbound_token_hash: null, ...NO_CREDENTIAL, disabled_reason: 'Disconnected.', updated_at: now });
    await store.cancelPendingDeliveries(db, id, now, 'the connection was disconnected');
    await audit(work, connection, 'disconnected');
  });
}
