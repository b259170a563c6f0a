import { z } from 'zod';
import { EVENT_KINDS } from './analytics.tables.js';

const ZPath = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\//, 'path is the page path, starting with "/"');

export const ZEvent = z.strictObject({
  kind: z.enum(EVENT_KINDS),
  path: ZPath,
  feature: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'feature is a short lowercase name such as "projects.upload"')
    .optional(),
  referrer: z.string().max(2048).optional(),
  durationMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type TEvent = z.infer<typeof ZEvent>;

export const ZIngest = z.strictObject({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId is the client’s random session id (8–64 letters, digits, _ or -)'),
  events: z.array(ZEvent).min(1).max(50),
});
export type TIngest = z.infer<typeof ZIngest>;
/** From the operator's website: the visitor id the embedded consent banner keeps (`meshvault-consent-visitor` in localStorage). */
export const ZEmbedIngest = ZIngest.extend({ visitorId: z.uuid().optional() });

export const ZIngested = z.object({
  stored: z.number().int(),
  /** Why nothing was stored: no analytics consent, or a bot. */
  dropped: z.enum(['no_consent', 'bot']).nullable(),
});

export const ZSummaryQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const ZSummary = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ day: z.string(), visits: z.number().int(), pageViews: z.number().int() })),
  topPages: z.array(z.object({ path: z.string(), views: z.number().int() })),
  features: z.array(z.object({ day: z.string(), feature: z.string(), uses: z.number().int() })),
  averageSessionSeconds: z.number().nullable(),
  /** Whether the policy in force counts cookieless totals only (manifest `analytics: cookieless`). */
  cookieless: z.boolean(),
  /** Consent decisions in the period: who sent Global Privacy Control, and decisions by method. */
  consent: z.object({
    subjects: z.number().int(),
    withGpc: z.number().int(),
    /** withGpc / subjects, or null when nobody decided. */
    gpcShare: z.number().nullable(),
    byMethod: z.array(z.object({ method: z.string(), decision: z.string(), records: z.number().int() })),
  }),
});
export type TSummary = z.infer<typeof ZSummary>;
