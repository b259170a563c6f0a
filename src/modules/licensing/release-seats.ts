import { tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './licensing.store.js';
import type { LicensingTables } from './licensing.tables.js';

/** Why the seats went: the person left the organisation, or closed their account. */
export type SeatRelease = { userId: string; reason: 'left_organisation' | 'account_closed'; orgId?: string; actor?: TActor };

/**
 * For the modules that end what a seat depends on (orgs removing a member, retention closing an
 * account), inside their work: frees the person's seats (of `orgId`'s licences, or all of them) and
 * deactivates their machines on those licences, one audit entry per licence, so no admin has to free
 * by hand a seat nobody can use. Answers how many seats were freed.
 */
export async function releaseSeats(work: Work, release: SeatRelease): Promise<number> {
  const db = tablesOf<LicensingTables>(work);
  const seats = await store.listSeatsOfUser(db, release.userId, release.orgId);
  for (const seat of seats) {
    const machines = await store.deleteMachinesOfUser(db, seat.licence_id, release.userId);
    await store.deleteSeat(db, seat.licence_id, release.userId);
    await work.audit({
      ...(release.actor ? { actor: release.actor } : {}),
      action: 'licensing.seat_released',
      subjectId: release.userId,
      target: { type: 'licence', id: seat.licence_id },
      details: { orgId: seat.org_id, reason: release.reason, machinesDeactivated: machines },
    });
  }
  return seats.length;
}
