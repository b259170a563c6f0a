import type { MasterKeyRing } from '../../platform/crypto/index.js';
import { fingerprintMatcher } from './fingerprints.js';
import type { LicenceRow, LicenceStatus, MachineRow, PolicyRow, ProductRow } from './licensing.tables.js';
import type { TDesktopLicence, TDesktopMachine, TValidationCode } from './licensing.schema.js';

export type LicenceContext = { licence: LicenceRow; policy: PolicyRow; product: ProductRow };

/** A licence past its expiry is expired, whatever its stored status says (no job has to flip it first). */
export function effectiveStatus(licence: Pick<LicenceRow, 'status' | 'expires_at'>, now: Date): LicenceStatus {
  if (licence.status === 'active' && licence.expires_at && licence.expires_at <= now) return 'expired';
  return licence.status;
}

export function heartbeatDeadline(policy: PolicyRow, machine: MachineRow): Date | null {
  return policy.require_heartbeat ? new Date(machine.last_heartbeat_at.getTime() + policy.heartbeat_seconds * 1000) : null;
}

export function isDead(policy: PolicyRow, machine: MachineRow, now: Date): boolean {
  const deadline = heartbeatDeadline(policy, machine);
  return deadline !== null && deadline < now;
}

const DETAILS: Record<TValidationCode, string> = {
  VALID: 'is valid',
  NOT_FOUND: 'does not exist',
  SUSPENDED: 'is suspended',
  EXPIRED: 'is expired',
  REVOKED: 'is revoked',
  TOO_MANY_MACHINES: 'has too many associated machines',
  NO_MACHINE: 'is not activated on any machine',
  FINGERPRINT_SCOPE_MISMATCH: 'is not activated on this machine',
  HEARTBEAT_DEAD: 'machine heartbeat is dead',
  PRODUCT_SCOPE_MISMATCH: 'is not for this product',
  USER_SCOPE_MISMATCH: 'is not attached to this user',
};

export function detailOf(code: TValidationCode): string {
  return code === 'NOT_FOUND' ? 'This licence key does not exist.' : `This licence ${DETAILS[code]}.`;
}

/**
 * Keygen's validation, in its order: the licence's own state first, then the scopes the app asked
 * about (product, machine fingerprint), then the heartbeat of the machine named.
 */
export function evaluateLicence(
  ctx: LicenceContext,
  machines: MachineRow[],
  scope: { fingerprint?: string | undefined; product?: string | undefined; userAttached?: boolean | undefined },
  now: Date,
  ring: MasterKeyRing,
): TValidationCode {
  const status = effectiveStatus(ctx.licence, now);
  if (status === 'revoked') return 'REVOKED';
  if (status === 'suspended') return 'SUSPENDED';
  if (status === 'expired') return 'EXPIRED';
  if (scope.product !== undefined && scope.product !== ctx.product.code) return 'PRODUCT_SCOPE_MISMATCH';
  // A user scope names someone the licence must be attached to: its owner, or a member holding a seat.
  if (scope.userAttached === false) return 'USER_SCOPE_MISMATCH';
  if (machines.length > machineLimit(ctx.policy)) return 'TOO_MANY_MACHINES';
  if (scope.fingerprint !== undefined) {
    if (machines.length === 0) return 'NO_MACHINE';
    const machine = machines.find(fingerprintMatcher(ring, scope.fingerprint));
    if (!machine) return 'FINGERPRINT_SCOPE_MISMATCH';
    if (isDead(ctx.policy, machine, now)) return 'HEARTBEAT_DEAD';
  }
  return 'VALID';
}

export function presentDesktopLicence(ctx: LicenceContext, now: Date): TDesktopLicence {
  const { licence, policy, product } = ctx;
  return {
    id: licence.id,
    type: 'licenses',
    status: effectiveStatus(licence, now).toUpperCase() as TDesktopLicence['status'],
    expiry: licence.expires_at,
    product: product.code,
    entitlements: licence.entitlements,
    // A node-locked licence is one machine, whatever the policy's number says.
    maxMachines: policy.floating ? policy.max_machines : 1,
    floating: policy.floating,
    requireHeartbeat: policy.require_heartbeat,
    heartbeatDuration: policy.heartbeat_seconds,
    offlineAllowed: policy.offline_allowed,
  };
}

export function presentDesktopMachine(policy: PolicyRow, machine: MachineRow, now: Date): TDesktopMachine {
  return {
    id: machine.id,
    type: 'machines',
    name: machine.name,
    platform: machine.platform,
    lastHeartbeat: machine.last_heartbeat_at,
    nextHeartbeat: heartbeatDeadline(policy, machine),
    heartbeatStatus: !policy.require_heartbeat ? 'NOT_REQUIRED' : isDead(policy, machine, now) ? 'DEAD' : 'ALIVE',
  };
}

/** The most machines a licence may have: a node-locked one has one. */
export function machineLimit(policy: PolicyRow): number {
  return policy.floating ? policy.max_machines : 1;
}
