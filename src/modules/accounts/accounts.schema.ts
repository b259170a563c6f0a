import { z } from 'zod';
import { ZRole } from '../../platform/http/index.js';
import { ZPostalAddress } from './postal-address.schema.js';

const ZEmail = z.email('must be an e-mail address').max(254).transform((e) => e.trim().toLowerCase());
export const ZPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');
/** Omitted stays undefined ("not given", "unchanged"); null or blank is null ("none", "clear it"). */
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

/**
 * What is asked depends on the policy in force (GET /api/auth/options): the password only where it
 * declares credentials.password, each profile field only where it declares the field's category.
 */
export const ZSignUp = z.object({
  name: z.string().trim().min(1, 'is required').max(200).optional(),
  email: ZEmail,
  password: ZPassword.optional(),
  phone: ZOptionalText(40),
  company: ZOptionalText(200),
  jobTitle: ZOptionalText(200),
  /** The person confirms they are at least the minimum age the privacy policy states. */
  ageConfirmed: z.literal(true, { error: 'you must confirm that you meet the minimum age' }),
  /**
   * The privacy policy the sign-up page showed (version and hash from /privacy.json), and whether its
   * box was ticked. The privacy module checks it against the version in force (onSignedUp).
   */
  policy: z
    .object({
      version: z.number().int().min(1),
      hash: z.string().min(1).max(100),
      accepted: z.boolean().optional(),
    })
    .optional(),
  /**
   * The marketing boxes the person ticked (purpose, topic and channel, as GET /api/marketing/options
   * offers them); the marketing module records them as consent in the sign-up's work (onSignedUp).
   */
  marketing: z
    .array(z.strictObject({ purpose: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), topic: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), channel: z.string().regex(/^[a-z_]{1,20}$/) }))
    .max(200)
    .optional(),
  /**
   * Where mail by post goes, when a box on the post channel is ticked and the policy asks it
   * (GET /api/marketing/options says so): stored by the marketing module in the sign-up's work.
   */
  postalAddress: ZPostalAddress.optional(),
});
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1).max(256) });
export const ZToken = z.object({ token: z.string().min(20).max(200) });
export const ZEmailOnly = z.object({ email: ZEmail });
export const ZResetPassword = z.object({ token: z.string().min(20).max(200), password: ZPassword });
export const ZChangePassword = z.object({ currentPassword: z.string().min(1).max(256), newPassword: ZPassword });
/** The current password is asked only where the policy declares passwords. */
export const ZChangeEmail = z.object({ currentPassword: z.string().min(1).max(256).optional(), newEmail: ZEmail });
/** An omitted field is unchanged; null clears an optional one. */
export const ZProfileUpdate = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  phone: ZOptionalText(40),
  company: ZOptionalText(200),
  jobTitle: ZOptionalText(200),
});
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>;

/** What this installation's policy lets the accounts module ask: how people sign in, which profile fields exist. */
export const ZAccountOptions = z.object({
  signIn: z.enum(['password', 'email_link']),
  profileFields: z.array(z.enum(['name', 'phone', 'company', 'jobTitle'])),
});

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  emailVerified: z.boolean(),
  name: z.string(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  jobTitle: z.string().nullable(),
  role: ZRole,
  status: z.enum(['active', 'suspended', 'closed']),
  createdAt: z.date(),
  /** Signed in with a one-time password: until a new one is chosen, only /api/me, the password change and sign-out answer. */
  passwordChangeRequired: z.boolean(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZSession = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  deviceLabel: z.string().nullable(),
  current: z.boolean(),
});
