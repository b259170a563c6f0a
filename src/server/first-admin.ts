import { randomBytes } from 'node:crypto';
import type { AccountsService } from '../modules/accounts/index.js';
import { SYSTEM_ACTOR } from '../platform/unit-of-work/index.js';

export type FirstAdmin = { email: string; password: string | null };

/**
 * An installation with no users gets its first admin at start: from MESHVAULT_ADMIN_EMAIL /
 * MESHVAULT_ADMIN_PASSWORD when given, otherwise admin@meshvault.localhost with a random password that is
 * printed once and never stored in clear. A generated password is one-time: it has been on a console
 * (and perhaps in a log), so the admin must choose a new one before doing anything else.
 */
export async function ensureFirstAdmin(
  accounts: AccountsService,
  given: { email: string | undefined; password: string | undefined },
): Promise<FirstAdmin | null> {
  if ((await accounts.countUsers()) > 0) return null;
  const email = given.email ?? 'admin@meshvault.localhost';
  const generated = given.password === undefined;
  const password = given.password ?? randomBytes(12).toString('base64url');
  try {
    await accounts.createUser(SYSTEM_ACTOR, { email, name: 'Administrator', password, role: 'admin', passwordMustChange: generated }, { requestId: 'first-start' });
  } catch (error) {
    // Several processes started together on a new database: another one made the administrator first.
    if ((await accounts.countUsers()) > 0) return null;
    throw error;
  }
  return { email, password: generated ? password : null };
}
