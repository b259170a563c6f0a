import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContactByEmail } from '../accounts/index.js';
import { requireOrgAdmin } from '../orgs/index.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import type { TIssueLicence, TStaffLicence } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicenceRow, LicensingTables } from './licensing.tables.js';

/** A key in Keygen's look: five groups of six hex digits (120 random bits). */
export function newLicenceKey(): string {
  return (randomBytes(15).toString('hex').toUpperCase().match(/.{6}/g) ?? []).join('-');
}

/** Who a new licence belongs to: a person who has an account, or an organisation (with its seats). */
async function ownerOf(work: Work, principal: Principal, input: TIssueLicence) {
  if (input.orgId !== undefined && input.maxUsers !== undefined) {
    // The orgs module answers whether the organisation exists (staff are its platform administrators).
    const { org } = await requireOrgAdmin(work, principal, input.orgId);
    return { user_id: null, org_id: org.id, max_users: input.maxUsers };
  }
  const owner = input.ownerEmail === undefined ? undefined : await findUserContactByEmail(work, input.ownerEmail);
  if (!owner) throw licensingErrors.ownerNotFound();
  return { user_id: owner.id, org_id: null, max_users: null };
}

/** Staff (admin) issue a licence of a policy to a person who has an account, or to an organisation with seats. */
export async function issueLicence(deps: LicensingDeps, principal: Principal, input: TIssueLicence, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const policy = await store.findPolicy(db, input.policyId);
    if (!policy) throw licensingErrors.policyNotFound();
    const owner = await ownerOf(work, principal, input);
    const now = deps.now();
    const expires = policy.duration_seconds === null ? null : new Date(now.getTime() + policy.duration_seconds * 1000);
    const id = randomUUID();
    const key = newLicenceKey();
    // ended_at is when the licence ends (its expiry, or when it was revoked): the retention clock.
    await store.insertLicence(db, { id, policy_id: policy.id, ...owner, key, status: 'active', entitlements: JSON.stringify(input.entitlements ?? []), subscription_status: null, expires_at: expires, ended_at: expires, created_at: now, updated_at: now });
    await work.audit({ action: 'licensing.licence_issued', subjectId: owner.user_id, target: { type: 'licence', id }, details: { policyId: policy.id, orgId: owner.org_id, maxUsers: owner.max_users } });
    return present(await requireLicence(work, id), 0);
  });
}

async function requireLicence(work: Work, id: string): Promise<LicenceRow> {
  const licence = await store.findLicence(tablesOf<LicensingTables>(work), id, { lock: true });
  if (!licence) throw licensingErrors.licenceNotFound();
  return licence;
}

function present(l: LicenceRow, machines: number): TStaffLicence {
  return { id: l.id, key: l.key, ownerId: l.user_id, orgId: l.org_id, maxUsers: l.max_users, policyId: l.policy_id, status: l.status, entitlements: l.entitlements, subscriptionStatus: l.subscription_status, expiresAt: l.expires_at, createdAt: l.created_at, machines };
}

type Change = 'suspend' | 'reinstate' | 'revoke';

/** Suspend (a pause), reinstate (end the pause) or revoke (for good: its machines go too). */
export async function changeLicence(deps: LicensingDeps, principal: Principal, id: string, change: Change, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const licence = await requireLicence(work, id);
    const now = deps.now();
    if (licence.status === 'revoked') throw licensingErrors.ended('revoked');
    switch (change) {
      case 'suspend':
        if (licence.status !== 'active') throw licensingErrors.ended(licence.status);
        await store.updateLicence(db, id, { status: 'suspended', updated_at: now });
        break;
      case 'reinstate':
        if (licence.status !== 'suspended') throw licensingErrors.ended(licence.status);
        await store.updateLicence(db, id, { status: 'active', updated_at: now });
        break;
      case 'revoke': {
        const machines = await store.listMachines(db, [id]);
        for (const m of machines) await store.deleteMachine(db, m.id);
        await store.updateLicence(db, id, { status: 'revoked', ended_at: now, updated_at: now });
        break;
      }
    }
    await work.audit({ action: `licensing.licence_${change === 'suspend' ? 'suspended' : change === 'reinstate' ? 'reinstated' : 'revoked'}`, subjectId: licence.user_id, target: { type: 'licence', id } });
    return present(await requireLicence(work, id), await store.countMachines(db, id));
  });
}

/** A new expiry (an expired licence becomes active again). */
export async function extendLicence(deps: LicensingDeps, principal: Principal, id: string, expiresAt: Date, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const licence = await requireLicence(work, id);
    if (licence.status === 'revoked') throw licensingErrors.ended('revoked');
    const now = deps.now();
    await store.updateLicence(db, id, { expires_at: expiresAt, ended_at: expiresAt, status: licence.status === 'expired' ? 'active' : licence.status, updated_at: now });
    await work.audit({ action: 'licensing.licence_extended', subjectId: licence.user_id, target: { type: 'licence', id }, details: { expiresAt: expiresAt.toISOString() } });
    return present(await requireLicence(work, id), await store.countMachines(db, id));
  });
}

/** Every licence, newest first; staff reading people's licences is audited. */
export async function listLicences(deps: LicensingDeps, principal: Principal, page: { limit: number; offset: number }, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const licences = await store.listAllLicences(db, page);
    const machines = await store.listMachines(db, licences.map((l) => l.id));
    await work.audit({ action: 'licensing.licences_read_by_staff', details: { count: licences.length, offset: page.offset } });
    return licences.map((l) => present(l, machines.filter((m) => m.licence_id === l.id).length));
  });
}
