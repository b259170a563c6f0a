import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContactByEmail } from '../accounts/index.js';
import { findOrgMember } from '../orgs/index.js';
import { licensingErrors } from './licensing.errors.js';
import * as store from './licensing.store.js';
import type { LicenceRow, LicensingTables } from './licensing.tables.js';

/** Keygen's user scope names a person by account id or e-mail address: their id, or undefined when no one has it. */
export async function resolveLicenceUser(work: Work, user: string): Promise<string | undefined> {
  if (!user.includes('@')) return user;
  return (await findUserContactByEmail(work, user))?.id;
}

/**
 * Whether the person is attached to the licence: its owner, or a member holding one of its seats (a
 * seat counts only while they are still a member: one who left the organisation cannot use it).
 */
export async function isAttached(work: Work, licence: LicenceRow, userId: string | undefined): Promise<boolean> {
  if (userId === undefined) return false;
  if (licence.user_id === userId) return true;
  if (licence.org_id === null || !(await store.findSeat(tablesOf<LicensingTables>(work), licence.id, userId))) return false;
  return (await findOrgMember(work, licence.org_id, userId)) !== undefined;
}

/**
 * Who a new machine is for: the owner of a person's licence; on an organisation's licence, the seat
 * holder the app names (required there). A named user not attached to the licence is refused.
 */
export async function activatingUser(work: Work, licence: LicenceRow, user: string | undefined): Promise<string> {
  if (user === undefined) {
    if (licence.user_id === null) throw licensingErrors.userScopeRequired();
    return licence.user_id;
  }
  const userId = await resolveLicenceUser(work, user);
  if (!userId || !(await isAttached(work, licence, userId))) throw licensingErrors.userScopeMismatch();
  return userId;
}
