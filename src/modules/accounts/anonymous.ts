import type { TActor } from '../../platform/unit-of-work/index.js';

/** Someone not signed in (a sign-in attempt, a reset link asked for): the audit trail's actor for them. */
export const ANONYMOUS: TActor = { id: null, role: 'anonymous' };
