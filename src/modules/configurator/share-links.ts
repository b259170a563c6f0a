import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Who } from '../../platform/unit-of-work/index.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import { configuratorErrors } from './configurator.errors.js';
import * as store from './configurator.store.js';
import type { ConfiguratorTables, ShareOpenObject, ShareRow } from './configurator.tables.js';
import { ownConfiguration } from './configurations.js';
import { presentConfiguration, presentProduct } from './present.js';
import { modelFilesOf, openProductModel } from './products.js';

/** 256 random bits, base64url: unguessable, and stored only as its hash. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const OPENS_SHOWN = 100;

type OpenCount = { opens: number; lastOpenedAt: Date | null };
const NEVER_OPENED: OpenCount = { opens: 0, lastOpenedAt: null };
const presentShare = (s: ShareRow, count: OpenCount = NEVER_OPENED) => ({ id: s.id, createdAt: s.created_at, revokedAt: s.revoked_at, ...count });

export function shareUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/shared/configurations/${token}`;
}

/** A read-only link to one's configuration; the token is answered this once and never stored. */
export async function createShare(deps: ConfiguratorDeps, principal: Principal, configurationId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const configuration = await ownConfiguration(work, principal, configurationId);
    const token = randomBytes(32).toString('base64url');
    const row: ShareRow = { id: randomUUID(), configuration_id: configuration.id, customer_id: configuration.customer_id, token_hash: hashOf(token), created_at: deps.now(), revoked_at: null };
    await store.insertShare(tablesOf<ConfiguratorTables>(work), row);
    await work.audit({ action: 'configurator.share_created', subjectId: configuration.customer_id, target: { type: 'configuration_share', id: row.id }, details: { configurationId } });
    return { ...presentShare(row), token, url: shareUrl(deps.publicUrl, token) };
  });
}

export async function listShares(deps: ConfiguratorDeps, principal: Principal, configurationId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const configuration = await ownConfiguration(work, principal, configurationId);
    const counts = new Map((await store.shareOpenCounts(db, configuration.id)).map((c) => [c.share_id, { opens: Number(c.opens), lastOpenedAt: c.last_opened_at ? new Date(c.last_opened_at) : null }]));
    return { shares: (await store.listShares(db, configuration.id)).map((s) => presentShare(s, counts.get(s.id))) };
  });
}

/** A link's latest opens, for its owner: what it showed and when (revoked links' too). */
export async function listShareOpens(deps: ConfiguratorDeps, principal: Principal, configurationId: string, shareId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const configuration = await ownConfiguration(work, principal, configurationId);
    const share = await store.findShare(db, configuration.id, shareId);
    if (!share) throw configuratorErrors.shareNotFound();
    const opens = await store.listShareOpens(db, share.id, OPENS_SHOWN);
    return { opens: opens.map((o) => ({ object: o.object, fileId: o.file_id, openedAt: o.opened_at })) };
  });
}

/** Revoking is at once and for good: the link answers 404 from then on. */
export async function revokeShare(deps: ConfiguratorDeps, principal: Principal, configurationId: string, shareId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const configuration = await ownConfiguration(work, principal, configurationId);
    const share = await store.findShare(db, configuration.id, shareId);
    if (!share) throw configuratorErrors.shareNotFound();
    if (share.revoked_at) return;
    await store.revokeShare(db, share.id, deps.now());
    await work.audit({ action: 'configurator.share_revoked', subjectId: configuration.customer_id, target: { type: 'configuration_share', id: share.id }, details: { configurationId } });
  });
}

/** What a live link shows anyone who has it: the configuration (not whose it is) and its product. The open is recorded. */
export async function openShared(deps: ConfiguratorDeps, token: string, ctx: RequestContext) {
  const { configuration, product } = await sharedConfiguration(deps, token, ctx, { object: 'configuration', fileId: null });
  const { createdAt: _createdAt, ...shown } = presentConfiguration(configuration, product.name);
  return { configuration: shown, product: presentProduct(product) };
}

export async function openSharedModel(deps: ConfiguratorDeps, token: string, fileId: string, ctx: RequestContext) {
  const { product } = await sharedConfiguration(deps, token, ctx, { object: 'model', fileId });
  return openProductModel(deps, product, fileId);
}

/**
 * The live link's configuration and product, and the open recorded for the owner and audited in the
 * same transaction: which link, which object, when. The visitor is nobody we know: nothing about them
 * (not even their address) is kept. A model the product does not draw is refused before it counts.
 */
async function sharedConfiguration(deps: ConfiguratorDeps, token: string, ctx: RequestContext, opened: { object: ShareOpenObject; fileId: string | null }) {
  if (!TOKEN.test(token)) throw configuratorErrors.shareNotFound();
  const visitor: Who = { actor: { id: null, role: 'visitor' }, requestId: ctx.requestId };
  return deps.uow.run(visitor, async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const share = await store.findLiveShareByHash(db, hashOf(token));
    const configuration = share ? await store.findConfiguration(db, share.configuration_id) : undefined;
    const product = configuration ? await store.findProduct(db, configuration.product_id) : undefined;
    if (!share || !configuration || !product) throw configuratorErrors.shareNotFound();
    if (opened.fileId !== null && !modelFilesOf(product).has(opened.fileId)) throw configuratorErrors.modelNotFound();
    const open = { id: randomUUID(), share_id: share.id, customer_id: share.customer_id, object: opened.object, file_id: opened.fileId, opened_at: deps.now() };
    await store.insertShareOpen(db, open);
    await work.audit({
      action: 'configurator.share_opened',
      subjectId: share.customer_id,
      target: { type: 'configuration_share', id: share.id },
      details: { configurationId: configuration.id, object: opened.object, ...(opened.fileId ? { fileId: opened.fileId } : {}) },
    });
    return { configuration, product };
  });
}
