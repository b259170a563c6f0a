import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findOrgMember, requireOrgAdmin } from '../orgs/index.js';
import { summarise } from './licence-summary.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';
import { orgAdminsGranted } from './policy-grants.js';
import type { TOrgLicence } from './seats.schema.js';

/**
 * Seed 002: organisation admins manage the seats of their organisation's licences (Keygen's licence
 * users, up to `maxUsers`). The orgs module decides who administers the organisation; the policy must
 * let organisations administer their members' accounts, or only platform staff do.
 */
async function requireSeatAdmin(deps: LicensingDeps, work: Work, principal: Principal, orgId: string) {
  const access = await requireOrgAdmin(work, principal, orgId, { lock: true });
  if (!access.asPlatformAdmin && !(await orgAdminsGranted(deps, work))) throw licensingErrors.orgAdminsNotGranted();
  return access;
}

/** The organisation's licence, locked; another organisation's (or a person's) is answered as missing. */
async function requireOrgLicence(work: Work, orgId: string, licenceId: string) {
  const licence = await store.findLicence(tablesOf<LicensingTables>(work), licenceId, { lock: true });
  if (licence?.org_id !== orgId || licence.max_users === null) throw licensingErrors.licenceNotFound();
  return { ...licence, max_users: licence.max_users };
}

/** The organisation's licences and who holds their seats: which licence a member uses is their data, so the read is audited. */
export async function listOrgLicences(deps: LicensingDeps, principal: Principal, orgId: string, ctx: RequestContext): Promise<TOrgLicence[]> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const { actor } = await requireSeatAdmin(deps, work, principal, orgId);
    const licences = await store.listLicencesOfOrg(db, orgId);
    const ids = licences.map((l) => l.id);
    const [seats, machines] = [await store.listSeats(db, ids), await store.listMachines(db, ids)];
    const out: TOrgLicence[] = (await summarise(db, licences, deps.now())).map(({ licence: l, summary }) => ({
      ...summary,
      maxUsers: l.max_users ?? 0,
      seats: seats
        .filter((s) => s.licence_id === l.id)
        .map((s) => ({ userId: s.user_id, assignedAt: s.assigned_at, machines: machines.filter((m) => m.licence_id === l.id && m.user_id === s.user_id).length })),
    }));
    const holders = seats.map((s) => s.user_id);
    if (holders.length > 0) await work.audit({ actor, action: 'licensing.seats_read', target: { type: 'organisation', id: orgId }, details: { orgId, userIds: [...new Set(holders)] } });
    return out;
  });
}

/** Keygen's attach-users: a member takes a seat; beyond `maxUsers` the next is refused (TOO_MANY_USERS). */
export async function assignSeat(deps: LicensingDeps, principal: Principal, orgId: string, licenceId: string, userId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const { actor } = await requireSeatAdmin(deps, work, principal, orgId);
    const licence = await requireOrgLicence(work, orgId, licenceId);
    if (licence.status === 'revoked') throw licensingErrors.ended('revoked');
    if (!(await findOrgMember(work, orgId, userId))) throw licensingErrors.notAMember();
    if (await store.findSeat(db, licenceId, userId)) throw licensingErrors.seatTaken();
    if ((await store.countSeats(db, licenceId)) >= licence.max_users) throw licensingErrors.tooManyUsers(licence.max_users);
    await store.insertSeat(db, { licence_id: licenceId, user_id: userId, assigned_at: deps.now() });
    await work.audit({ actor, action: 'licensing.seat_assigned', subjectId: userId, target: { type: 'licence', id: licenceId }, details: { orgId } });
  });
}

/** Keygen's detach-users: the seat is free again, and the member's machines on that licence are deactivated. */
export async function unassignSeat(deps: LicensingDeps, principal: Principal, orgId: string, licenceId: string, userId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const { actor } = await requireSeatAdmin(deps, work, principal, orgId);
    await requireOrgLicence(work, orgId, licenceId);
    if (!(await store.findSeat(db, licenceId, userId))) throw licensingErrors.seatNotFound();
    const machines = await store.deleteMachinesOfUser(db, licenceId, userId);
    await store.deleteSeat(db, licenceId, userId);
    await work.audit({ actor, action: 'licensing.seat_unassigned', subjectId: userId, target: { type: 'licence', id: licenceId }, details: { orgId, machinesDeactivated: machines } });
  });
}
