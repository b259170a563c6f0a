import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import type { TCreatePolicy, TPublishRelease } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';
import { parseSemVer } from './semver.js';

/** Staff: the products licensed, their policies (limits, heartbeat, offline use) and their releases. */
export async function createProduct(deps: LicensingDeps, principal: Principal, input: { code: string; name: string }, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    if (await store.findProductByCode(db, input.code)) throw licensingErrors.productCodeTaken(input.code);
    const id = randomUUID();
    await store.insertProduct(db, { id, code: input.code, name: input.name, created_at: deps.now() });
    await work.audit({ action: 'licensing.product_created', target: { type: 'licensing_product', id } });
    return { id };
  });
}

export async function listProducts(deps: LicensingDeps) {
  return (await store.listProducts(deps.db)).map((p) => ({ id: p.id, code: p.code, name: p.name }));
}

/** The policies staff issue licences of: each product's terms (how long, how many machines). */
export async function listPolicies(deps: LicensingDeps) {
  return (await store.listPolicies(deps.db)).map((p) => ({ id: p.id, productId: p.product_id, name: p.name, durationSeconds: p.duration_seconds, maxMachines: p.max_machines }));
}

export async function createPolicy(deps: LicensingDeps, principal: Principal, input: TCreatePolicy, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    if (!(await store.findProduct(db, input.productId))) throw licensingErrors.productNotFound();
    const id = randomUUID();
    await store.insertPolicy(db, {
      id,
      product_id: input.productId,
      name: input.name,
      duration_seconds: input.durationSeconds ?? null,
      max_machines: input.maxMachines,
      floating: input.floating,
      require_heartbeat: input.requireHeartbeat,
      heartbeat_seconds: input.heartbeatSeconds,
      offline_allowed: input.offlineAllowed,
      file_ttl_seconds: input.fileTtlSeconds,
      created_at: deps.now(),
    });
    await work.audit({ action: 'licensing.policy_created', target: { type: 'licensing_policy', id }, details: { productId: input.productId } });
    return { id };
  });
}

export async function publishRelease(deps: LicensingDeps, principal: Principal, input: TPublishRelease, ctx: RequestContext) {
  if (!parseSemVer(input.version)) throw licensingErrors.badVersion(input.version);
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    if (!(await store.findProduct(db, input.productId))) throw licensingErrors.productNotFound();
    if (await store.findReleaseByVersion(db, input)) throw licensingErrors.releaseExists();
    const id = randomUUID();
    await store.insertRelease(db, { id, product_id: input.productId, version: input.version, channel: input.channel, platform: input.platform, notes: input.notes ?? '', artifact_url: input.artifactUrl, published_at: deps.now() });
    await work.audit({ action: 'licensing.release_published', target: { type: 'licensing_release', id }, details: { productId: input.productId, version: input.version, channel: input.channel, platform: input.platform } });
    return { id };
  });
}
