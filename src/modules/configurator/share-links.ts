import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import { configuratorErrors } from './configurator.errors.js';
import * as store from './configurator.store.js';
import type { ConfiguratorTables, ShareRow } from './configurator.tables.js';
import { ownConfiguration } from './configurations.js';
import { presentConfiguration, presentProduct } from './present.js';
import { openProductModel } from './products.js';

/** 256 random bits, base64url: unguessable, and stored only as its hash. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const presentShare = (s: ShareRow) => ({ id: s.id, createdAt: s.created_at, revokedAt: s.revoked_at });

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
    const configuration = await ownConfiguration(work, principal, configurationId);
    return { shares: (await store.listShares(tablesOf<ConfiguratorTables>(work), configuration.id)).map(presentShare) };
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

/** What a live link shows anyone who has it: the configuration (not whose it is) and its product. */
export async function openShared(deps: ConfiguratorDeps, token: string) {
  const { configuration, product } = await sharedConfiguration(deps, token);
  const { createdAt: _createdAt, ...shown } = presentConfiguration(configuration, product.name);
  return { configuration: shown, product: presentProduct(product) };
}

export async function openSharedModel(deps: ConfiguratorDeps, token: string, fileId: string) {
  const { product } = await sharedConfiguration(deps, token);
  return openProductModel(deps, product, fileId);
}

async function sharedConfiguration(deps: ConfiguratorDeps, token: string) {
  if (!TOKEN.test(token)) throw configuratorErrors.shareNotFound();
  const share = await store.findLiveShareByHash(deps.db, hashOf(token));
  const configuration = share ? await store.findConfiguration(deps.db, share.configuration_id) : undefined;
  const product = configuration ? await store.findProduct(deps.db, configuration.product_id) : undefined;
  if (!configuration || !product) throw configuratorErrors.shareNotFound();
  return { configuration, product };
}
