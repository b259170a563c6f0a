import { z } from 'zod';

/**
 * The desktop API takes strict objects only (an unknown key is refused): it has no field that could
 * carry a project file or anything else the policy says the software never sends.
 */
export const ZFingerprint = z.string().trim().min(8, 'a machine fingerprint is at least 8 characters').max(256);
const ZProductCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a product code is lower-case letters, digits and dashes');
export const ZChannel = z.enum(['stable', 'rc', 'beta', 'alpha', 'dev']);
const ZPlatform = z.string().trim().min(1).max(50);

/** Keygen's user scope: the person's account id or e-mail address. */
export const ZLicenceUser = z.union([z.uuid(), z.email().max(320)]);

export const ZValidateKey = z.strictObject({
  key: z.string().min(1).max(200),
  scope: z.strictObject({ fingerprint: ZFingerprint.optional(), product: ZProductCode.optional(), user: ZLicenceUser.optional() }).optional(),
});
export type TValidateKey = z.infer<typeof ZValidateKey>;

export const ZActivate = z.strictObject({
  fingerprint: ZFingerprint,
  name: z.string().trim().max(100).optional(),
  platform: ZPlatform.optional(),
  version: z.string().max(64).optional(),
  /** Who activates it (their account id or e-mail): required on an organisation's licence, where it must be a seat holder. */
  user: ZLicenceUser.optional(),
});
export type TActivate = z.infer<typeof ZActivate>;

export const ZCheckOut = z.strictObject({
  /** Encrypt the contents with the licence key (aes-256-gcm+ed25519); default true. */
  encrypt: z.boolean().optional(),
});

export const ZUpgradeQuery = z.strictObject({
  version: z.string().min(1).max(64),
  platform: ZPlatform,
  channel: ZChannel.optional(),
});
export type TUpgradeQuery = z.infer<typeof ZUpgradeQuery>;

export const ZDownloadQuery = z.strictObject({ expires: z.coerce.number().int(), sig: z.string().max(100) });

export const ZValidationCode = z.enum([
  'VALID',
  'NOT_FOUND',
  'SUSPENDED',
  'EXPIRED',
  'REVOKED',
  'TOO_MANY_MACHINES',
  'NO_MACHINE',
  'FINGERPRINT_SCOPE_MISMATCH',
  'HEARTBEAT_DEAD',
  'PRODUCT_SCOPE_MISMATCH',
  'USER_SCOPE_MISMATCH',
]);
export type TValidationCode = z.infer<typeof ZValidationCode>;

export const ZDesktopLicence = z.object({
  id: z.uuid(),
  type: z.literal('licenses'),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'EXPIRED', 'REVOKED']),
  expiry: z.date().nullable(),
  product: z.string(),
  entitlements: z.array(z.string()),
  maxMachines: z.number(),
  floating: z.boolean(),
  requireHeartbeat: z.boolean(),
  heartbeatDuration: z.number(),
  offlineAllowed: z.boolean(),
});
export type TDesktopLicence = z.infer<typeof ZDesktopLicence>;

export const ZValidation = z.object({
  meta: z.object({ valid: z.boolean(), code: ZValidationCode, detail: z.string(), ts: z.date() }),
  data: ZDesktopLicence.nullable(),
});
export type TValidation = z.infer<typeof ZValidation>;

export const ZDesktopMachine = z.object({
  id: z.uuid(),
  type: z.literal('machines'),
  name: z.string().nullable(),
  platform: z.string().nullable(),
  lastHeartbeat: z.date(),
  nextHeartbeat: z.date().nullable(),
  heartbeatStatus: z.enum(['ALIVE', 'DEAD', 'NOT_REQUIRED']),
});
export type TDesktopMachine = z.infer<typeof ZDesktopMachine>;

export const ZActivation = z.object({ machine: ZDesktopMachine, token: z.string() });

export const ZUpgrade = z.object({
  current: z.string(),
  /** Null when the version sent is the newest for that product, channel and platform. */
  next: z
    .object({ id: z.uuid(), version: z.string(), channel: ZChannel, platform: z.string(), notes: z.string(), publishedAt: z.date(), download: z.object({ url: z.string(), expiresAt: z.date() }) })
    .nullable(),
});
export type TUpgrade = z.infer<typeof ZUpgrade>;

export const ZPublicKeys = z.object({
  algorithm: z.literal('ed25519'),
  /** The key that signs new licence files: DER (SPKI) in base64, as Keygen publishes its keys. */
  publicKey: z.string(),
  pem: z.string(),
  keyId: z.string(),
  /** Earlier keys, for files signed before a rotation that are still within their expiry. */
  previous: z.array(z.object({ keyId: z.string(), publicKey: z.string(), retiredAt: z.date() })),
});

// Staff

export const ZCreateProduct = z.strictObject({ code: ZProductCode, name: z.string().trim().min(1).max(200) });
export const ZCreatePolicy = z.strictObject({
  productId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  /** Seconds a licence lasts from issue; absent: perpetual. */
  durationSeconds: z.number().int().positive().optional(),
  maxMachines: z.number().int().min(1).max(10_000),
  floating: z.boolean(),
  requireHeartbeat: z.boolean(),
  heartbeatSeconds: z.number().int().min(60).max(31_536_000),
  offlineAllowed: z.boolean(),
  fileTtlSeconds: z.number().int().min(60).max(315_360_000),
});
export type TCreatePolicy = z.infer<typeof ZCreatePolicy>;
/** A policy as staff choose it when issuing a licence: its product and its term (null: no end). */
export const ZPolicySummary = z.object({ id: z.uuid(), productId: z.uuid(), name: z.string(), durationSeconds: z.number().nullable(), maxMachines: z.number() });
/** To a person (`ownerEmail`), or to an organisation with a number of seats (`orgId`, `maxUsers`). */
export const ZIssueLicence = z
  .strictObject({
    policyId: z.uuid(),
    ownerEmail: z.email().max(320).optional(),
    orgId: z.uuid().optional(),
    maxUsers: z.number().int().min(1).max(100_000).optional(),
    entitlements: z.array(z.string().regex(/^[A-Z0-9_]{1,64}$/, 'an entitlement code is upper-case letters, digits and _')).max(100).optional(),
  })
  .refine((v) => (v.ownerEmail === undefined) !== (v.orgId === undefined) && (v.orgId === undefined) === (v.maxUsers === undefined), {
    message: 'Give either ownerEmail (a person’s licence), or orgId with maxUsers (an organisation’s licence with that many seats).',
  });
export type TIssueLicence = z.infer<typeof ZIssueLicence>;
export const ZExtendLicence = z.strictObject({ expiresAt: z.iso.datetime({ offset: true }) });
export const ZPublishRelease = z.strictObject({
  productId: z.uuid(),
  version: z.string().max(64),
  channel: ZChannel,
  platform: ZPlatform,
  notes: z.string().max(20_000).optional(),
  artifactUrl: z.url({ protocol: /^https?$/ }).max(2000),
});
export type TPublishRelease = z.infer<typeof ZPublishRelease>;

export const ZStaffLicence = z.object({
  id: z.uuid(),
  key: z.string(),
  ownerId: z.uuid().nullable(),
  orgId: z.uuid().nullable(),
  maxUsers: z.number().nullable(),
  policyId: z.uuid(),
  status: z.enum(['active', 'suspended', 'expired', 'revoked']),
  entitlements: z.array(z.string()),
  subscriptionStatus: z.string().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  machines: z.number(),
});
export type TStaffLicence = z.infer<typeof ZStaffLicence>;

// The customer's own view

export const ZMyMachine = z.object({
  id: z.uuid(),
  /** The device identifier as sent, only where the manifest declares the raw id (a keyed hash is never shown). */
  deviceId: z.string().nullable(),
  name: z.string().nullable(),
  platform: z.string().nullable(),
  appVersion: z.string().nullable(),
  lastHeartbeatAt: z.date(),
  activatedAt: z.date(),
});
/** What a licence is, as a person or an organisation's administrator sees it. */
export const ZLicenceSummary = z.object({
  id: z.uuid(),
  key: z.string(),
  product: z.string(),
  policy: z.string(),
  status: z.enum(['active', 'suspended', 'expired', 'revoked']),
  expiresAt: z.date().nullable(),
});
export type TLicenceSummary = z.infer<typeof ZLicenceSummary>;
export const ZMyLicence = ZLicenceSummary.extend({
  entitlements: z.array(z.string()),
  maxMachines: z.number(),
  /** Held through a seat of the person's organisation (its machines listed here are only their own). */
  seat: z.boolean(),
  machines: z.array(ZMyMachine),
});
export type TMyLicence = z.infer<typeof ZMyLicence>;
