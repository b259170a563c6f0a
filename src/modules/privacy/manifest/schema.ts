import { z } from 'zod';
import { CATEGORY_IDS, isCategoryId, suggestCategories } from './taxonomy.js';
import { isCountryCode } from './countries.js';
import { MAX_DURATION_COMPONENT, parseIsoDuration, type Duration } from './durations.js';
import { LAW_IDS } from './law-deadlines.js';

/** Bounds keep a hostile manifest from allocating or rendering without limit. */
const MAX_TEXT = 4000;
const MAX_ITEMS = 500;

const text = (max = MAX_TEXT) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS, `at most ${MAX_ITEMS} entries`);
const nonEmptyList = <T extends z.ZodType>(item: T) => list(item).min(1, 'needs at least one entry');

const webUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://example.com/privacy' });
const email = z.email({ error: 'expected an e-mail address such as privacy@example.com' });
const slug = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'expected a short lowercase id such as "billing" or "eu_gdpr"');

export const ZCategoryId = z.enum(CATEGORY_IDS, {
  error: (issue) => {
    const input = issue.input;
    if (typeof input !== 'string') return 'expected a category name from the taxonomy, such as contact.email';
    if (isCategoryId(input)) return undefined;
    const near = suggestCategories(input);
    return `"${input}" is not in the taxonomy${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; see docs/manifest-reference.md`;
  },
});

export const ZCountry = z
  .string()
  .refine(isCountryCode, 'expected an ISO 3166-1 alpha-2 country code in capitals, such as US, LU or DE (EU for the European Union)');

const durationComponent = z.number().int('must be a whole number').min(0).max(MAX_DURATION_COMPONENT);

/** A duration is written `P3Y`, `P24M`, `P30D` (`W` for weeks also accepted) or as {years, months, days}. */
function zDuration(whenMissing = 'a duration is required, such as P3Y, P24M or P30D') {
  return z
    .union(
      [
        z.string().regex(/^P(?!$)(\d{1,4}Y)?(\d{1,4}M)?(\d{1,4}W)?(\d{1,4}D)?$/i),
        z.strictObject({ years: durationComponent.optional(), months: durationComponent.optional(), days: durationComponent.optional() }),
      ],
      {
        error: (issue) =>
          issue.input === undefined ? whenMissing : 'expected a duration such as P3Y, P24M, P30D, or {years: 1, months: 6}',
      },
    )
    .transform((value): Duration => {
      if (typeof value === 'string') return parseIsoDuration(value) ?? { years: 0, months: 0, days: 0 };
      return { years: value.years ?? 0, months: value.months ?? 0, days: value.days ?? 0 };
    });
}
export const ZDuration = zDuration();

const enumOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? `${what} is required: one of ${values.join(', ')}` : `expected ${what}: one of ${values.join(', ')}`,
  });

export const COLLECTION_SOURCES = ['directly', 'automatically', 'third_parties'] as const;
export const LEGAL_BASES = ['contract', 'legitimate_interests', 'consent', 'legal_obligation', 'vital_interests', 'public_task'] as const;
export const RETENTION_EVENTS = [
  'event_time',
  'last_activity',
  'project_completed',
  'order_completed',
  'fiscal_year_end',
  'account_closed',
  'consent_withdrawn',
  'subscription_ended',
  'relationship_ended',
  'session_ended',
] as const;
export const END_ACTIONS = ['delete', 'anonymise', 'aggregate'] as const;
export const RECIPIENT_KINDS = ['processor', 'third_party', 'affiliate', 'authority'] as const;
export const TRANSFER_MECHANISMS = ['not_required', 'adequacy', 'dpf', 'scc', 'bcr', 'consent', 'contract_necessity'] as const;
export const COOKIE_CATEGORIES = ['essential', 'functional', 'analytics', 'advertising'] as const;
export const RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'portability',
  'restriction',
  'objection',
  'opt_out_marketing',
  'opt_out_sale_sharing',
  'opt_out_targeted_advertising',
  'limit_sensitive',
  'withdraw_consent',
  'non_discrimination',
  'appeal',
  'complaint',
] as const;
export const REQUEST_METHODS = ['email', 'web_form', 'postal', 'phone', 'privacy_dashboard', 'account_settings', 'organisation_admin'] as const;
export const MARKETING_CHANNELS = ['email', 'sms', 'phone', 'post', 'in_app'] as const;
export const NOTICE_CHANNELS = ['website', 'email', 'in_app'] as const;
export const NOTICE_SCOPES = ['all', 'significant', 'none'] as const;
/** How a person accepts the policy at sign-up: by ticking a box, or by using the service (the policy says so). */
export const ACCEPTANCE_MODES = ['explicit', 'by_use'] as const;
/** First-party analytics: per visitor with their consent (default), or cookieless totals only, of no one. */
export const ANALYTICS_MODES = ['consent', 'cookieless'] as const;

export const ZOperator = z.strictObject({
  name: text(200),
  legal_name: text(200).optional(),
  website: webUrl.optional(),
  country: ZCountry,
  address: text(500).optional(),
  contacts: z.strictObject({
    email,
    phone: text(50).optional(),
    web_form: webUrl.optional(),
    postal_address: text(500).optional(),
  }),
  dpo: z.strictObject({ name: text(200).optional(), email, postal_address: text(500).optional() }).optional(),
});

/** How a device identifier is stored: `keyed_hash` (the default) or `raw`, as the software sent it. */
export const DEVICE_IDENTIFIER_FORMS = ['keyed_hash', 'raw'] as const;

export const ZCategoryDeclaration = z.strictObject({
  id: ZCategoryId,
  sources: nonEmptyList(enumOf(COLLECTION_SOURCES, 'a collection source')),
  /** Which third parties it comes from, when a source is third_parties. */
  from: text(500).optional(),
  /** What exactly this covers for this business, in the policy's words. */
  details: text(1000).optional(),
  /**
   * For `licence.activation`: how the device identifier the software sends is kept, a keyed hash
   * (the default: matches, but reveals nothing) or `raw`, as sent (shown to the person and exported).
   */
  device_identifier: enumOf(DEVICE_IDENTIFIER_FORMS, 'a device identifier form').optional(),
}).refine((c) => c.device_identifier === undefined || c.id === 'licence.activation', {
  message: 'device_identifier applies only to the licence.activation category (the device a licence is activated on)',
  path: ['device_identifier'],
});

export const ZPurpose = z.strictObject({
  id: slug,
  name: text(200),
  description: text().optional(),
  legal_basis: enumOf(LEGAL_BASES, 'a legal basis'),
  /** The interest weighed against the person's rights, when the basis is legitimate_interests. */
  legitimate_interest: text(1000).optional(),
  categories: nonEmptyList(ZCategoryId),
  /** For marketing purposes: the channels people can opt in or out of, one by one. */
  channels: list(enumOf(MARKETING_CHANNELS, 'a marketing channel')).optional(),
  /** For marketing purposes: what people subscribe to (newsletter, product news…); absent, the purpose is one topic. */
  topics: list(z.strictObject({ id: slug, name: text(200), description: text(1000).optional() })).optional(),
});

export const ZRetentionRule = z.strictObject({
  categories: nonEmptyList(ZCategoryId),
  duration: ZDuration,
  starts_on: enumOf(RETENTION_EVENTS, 'starts_on (the event that starts the retention clock)'),
  end_action: enumOf(END_ACTIONS, 'end_action'),
  reason: text(1000).optional(),
  /** A minimum period a law requires the data to be kept, and that law: a shorter duration is refused. */
  legal_minimum: z.strictObject({ duration: ZDuration, law: text(500) }).optional(),
});

export const ZRecipient = z.strictObject({
  id: slug,
  name: text(200),
  kind: enumOf(RECIPIENT_KINDS, 'a recipient kind'),
  service: text(500),
  categories: nonEmptyList(ZCategoryId),
  country: ZCountry,
  transfer_mechanism: enumOf(TRANSFER_MECHANISMS, 'a transfer mechanism'),
});

export const ZTransfer = z.strictObject({
  to: ZCountry,
  mechanism: enumOf(TRANSFER_MECHANISMS, 'a transfer mechanism'),
  description: text(1000).optional(),
});

export const ZCookie = z.strictObject({
  name: text(200),
  provider: text(200),
  category: enumOf(COOKIE_CATEGORIES, 'a cookie category'),
  lifetime: z.union([z.literal('session'), ZDuration], { error: 'expected "session" or a duration such as P1Y or P30D' }),
  purpose: text(500),
  categories: list(ZCategoryId).optional(),
});

export const ZDeadline = z.strictObject({
  base: zDuration('a deadline needs a base period (for example P1M or P30D); an extension alone is not a deadline'),
  extension: ZDuration.optional(),
  extension_reason: text(500).optional(),
});

export const ZJurisdiction = z.strictObject({
  id: slug,
  name: text(200),
  rights: nonEmptyList(enumOf(RIGHTS, 'a right')),
  deadline: ZDeadline,
  /** The laws whose request deadlines apply here (law-deadlines.ts); read from the id's words when absent. */
  laws: list(enumOf(LAW_IDS, 'a law')).optional(),
  authority: text(500).optional(),
});

export const ZManifest = z.strictObject({
  manifest_version: z.literal(1, { error: 'manifest_version must be 1' }),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as en or en-GB').optional(),
  operator: ZOperator,
  categories: nonEmptyList(ZCategoryDeclaration),
  purposes: nonEmptyList(ZPurpose),
  retention: nonEmptyList(ZRetentionRule),
  recipients: list(ZRecipient),
  transfers: list(ZTransfer).optional(),
  cookies: list(ZCookie).optional(),
  minimum_age: z
    .number({ error: 'minimum_age must be a whole number of years' })
    .int('minimum_age must be a whole number of years')
    .min(0, 'minimum_age must be between 0 and 21')
    .max(21, 'minimum_age must be between 0 and 21'),
  rights: z.strictObject({
    methods: nonEmptyList(enumOf(REQUEST_METHODS, 'a request method')),
    jurisdictions: nonEmptyList(ZJurisdiction),
  }),
  sale_and_sharing: z.strictObject({
    sells_personal_data: z.boolean(),
    shares_for_cross_context_advertising: z.boolean(),
    honours_gpc: z.boolean(),
    opt_out_url: webUrl.optional(),
  }),
  changes: z.strictObject({
    notice: nonEmptyList(enumOf(NOTICE_CHANNELS, 'a notice channel')),
    notify_individually_for: enumOf(NOTICE_SCOPES, 'notify_individually_for'),
    effective_after: ZDuration,
  }),
  security: list(text(500)).optional(),
  acceptance: enumOf(ACCEPTANCE_MODES, 'acceptance').optional(),
  /** How first-party analytics count: `consent` (per visitor, with their yes) or `cookieless` (daily totals only). */
  analytics: enumOf(ANALYTICS_MODES, 'analytics').optional(),
  /** How long a backup of the installation is kept: `meshvault backup prune` deletes older ones, and the policy says so. */
  backup_retention: ZDuration.optional(),
  /** The last day of the fiscal year, "MM-DD", where retention rules start at fiscal_year_end (default 12-31). */
  fiscal_year_end: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'fiscal_year_end must be a day of the year as MM-DD, such as 03-31')
    .refine((v) => !Number.isNaN(Date.parse(`2001-${v}T00:00:00Z`)) && new Date(`2001-${v}T00:00:00Z`).getUTCDate() === Number(v.slice(3)), 'fiscal_year_end must be a day every year has (not 02-29)')
    .optional(),
});

export type TManifest = z.output<typeof ZManifest>;
export type TManifestInput = z.input<typeof ZManifest>;
export type TOperator = TManifest['operator'];
export type TCategoryDeclaration = TManifest['categories'][number];
export type TPurpose = TManifest['purposes'][number];
export type TRetentionRule = TManifest['retention'][number];
export type TRecipient = TManifest['recipients'][number];
export type TTransfer = NonNullable<TManifest['transfers']>[number];
export type TCookie = NonNullable<TManifest['cookies']>[number];
export type TJurisdiction = TManifest['rights']['jurisdictions'][number];
export type TDeadline = TJurisdiction['deadline'];
export type LegalBasis = (typeof LEGAL_BASES)[number];
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];
export type EndAction = (typeof END_ACTIONS)[number];
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];
export type Right = (typeof RIGHTS)[number];
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export type CollectionSource = (typeof COLLECTION_SOURCES)[number];
export type RequestMethod = (typeof REQUEST_METHODS)[number];
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export type AcceptanceMode = (typeof ACCEPTANCE_MODES)[number];
export type AnalyticsMode = (typeof ANALYTICS_MODES)[number];
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** The JSON Schema published at /privacy/manifest.schema.json: what a manifest file may contain. */
export function manifestJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ZManifest, { io: 'input', unrepresentable: 'any' }),
    title: 'Meshvault privacy manifest',
  };
}
