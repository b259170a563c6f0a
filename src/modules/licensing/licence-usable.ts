import { detailOf, effectiveStatus } from './licence-state.js';
import { licensingErrors } from './licensing.errors.js';
import type { LicenceRow } from './licensing.tables.js';
import type { TValidationCode } from './licensing.schema.js';

const CODE_OF = { suspended: 'SUSPENDED', expired: 'EXPIRED', revoked: 'REVOKED' } as const satisfies Record<string, TValidationCode>;

/** Refuses a licence that is not active now, with the validation code that says why. */
export function assertUsable(licence: LicenceRow, now: Date): void {
  const status = effectiveStatus(licence, now);
  if (status === 'active') return;
  const code = CODE_OF[status];
  throw licensingErrors.notUsable(code, detailOf(code));
}
