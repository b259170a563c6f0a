import { sql } from 'kysely';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Who } from '../../platform/unit-of-work/index.js';
import type { Work } from '../../platform/unit-of-work/index.js';
import type { LicensingDeps } from './licensing.deps.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';
import { generateSigningKey, publicKeyPem } from './signing-keys.js';

/** The key that signs licence files now, made on first use (one at a time: an advisory lock). */
export async function currentSigningKey(deps: Pick<LicensingDeps, 'masterKeys' | 'now'>, work: Work) {
  const db = tablesOf<LicensingTables>(work);
  const existing = await store.activeSigningKey(db);
  if (existing) return existing;
  await sql`select pg_advisory_xact_lock(hashtext('licensing_signing_keys'))`.execute(work.trx);
  return (await store.activeSigningKey(db)) ?? (await createKey(deps, work));
}

async function createKey(deps: Pick<LicensingDeps, 'masterKeys' | 'now'>, work: Work) {
  const db = tablesOf<LicensingTables>(work);
  const material = generateSigningKey(deps.masterKeys);
  const row = { id: material.id, public_key: material.publicKey, private_key_wrapped: material.privateKeyWrapped, created_at: deps.now(), retired_at: null };
  await store.insertSigningKey(db, row);
  await work.audit({ action: 'licensing.signing_key_created', target: { type: 'signing_key', id: material.id } });
  return row;
}

/**
 * A new signing key; the old ones are retired (files they signed still verify with their published
 * public key until the files expire). Apps that pin the key need the new one: see the operator guide.
 */
export async function rotateSigningKey(deps: LicensingDeps, who: Who) {
  return deps.uow.run(who, async (work) => {
    await sql`select pg_advisory_xact_lock(hashtext('licensing_signing_keys'))`.execute(work.trx);
    await store.retireSigningKeys(tablesOf<LicensingTables>(work), deps.now());
    const row = await createKey(deps, work);
    await work.audit({ action: 'licensing.signing_key_rotated', target: { type: 'signing_key', id: row.id } });
    return { keyId: row.id, publicKey: row.public_key };
  });
}

export async function rotateSigningKeyByStaff(deps: LicensingDeps, principal: Principal, ctx: RequestContext) {
  return rotateSigningKey(deps, byPrincipal(principal, ctx));
}

/** What a desktop app pins to verify licence files offline. */
export async function publicKeys(deps: LicensingDeps, who: Who) {
  const current = await deps.uow.run(who, (work) => currentSigningKey(deps, work));
  const all = await store.listSigningKeys(deps.db);
  return {
    algorithm: 'ed25519' as const,
    keyId: current.id,
    publicKey: current.public_key,
    pem: publicKeyPem(current.public_key),
    previous: all.filter((k) => k.retired_at !== null).map((k) => ({ keyId: k.id, publicKey: k.public_key, retiredAt: k.retired_at ?? deps.now() })),
  };
}
