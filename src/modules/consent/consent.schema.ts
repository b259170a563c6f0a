import { z } from 'zod';
import { CONSENT_DECISIONS, CONSENT_METHODS } from './consent.tables.js';

const ZNoticeCookie = z.object({ name: z.string(), provider: z.string(), purpose: z.string(), lifetime: z.string(), firstParty: z.boolean() });
export const ZNotice = z.object({
  policyVersion: z.number().int(),
  policyHash: z.string(),
  noticeHash: z.string(),
  operator: z.string(),
  text: z.string(),
  categories: z.array(z.object({ id: z.enum(['essential', 'functional', 'analytics', 'advertising']), title: z.string(), explanation: z.string(), required: z.boolean(), cookies: z.array(ZNoticeCookie) })),
  purposes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable() })),
  gpcHonoured: z.boolean(),
  consentCookie: z.string().nullable(),
  /** How first-party analytics count (manifest `analytics`): with consent, or cookieless totals that ask no one. */
  analyticsMode: z.enum(['consent', 'cookieless']),
});

export const ZDecision = z.enum(CONSENT_DECISIONS);
export const ZConsentRecord = z.object({
  id: z.string(),
  scope: z.string(),
  decision: ZDecision,
  method: z.enum(CONSENT_METHODS),
  policyVersion: z.number().int(),
  policyHash: z.string(),
  noticeHash: z.string(),
  decidedAt: z.date(),
});

/** The notice and where this visitor or person stands: `decided` false means the banner asks. */
export const ZConsentState = z.object({
  notice: ZNotice,
  decided: z.boolean(),
  /** Optional cookie categories: true when consent is given now. */
  categories: z.record(z.string(), z.boolean()),
  purposes: z.record(z.string(), z.boolean()),
  /** A Global Privacy Control signal was seen and honoured for this visitor or person. */
  gpc: z.boolean(),
  /** Decided under an older notice (the policy changed significantly): the banner asks again. */
  askAgain: z.boolean(),
  history: z.array(ZConsentRecord),
});
export type TConsentState = z.infer<typeof ZConsentState>;

const flags = z.record(z.string().min(1).max(64), z.boolean());
export const ZChoose = z.strictObject({
  method: z.enum(['banner', 'settings']),
  /** The notice shown, as the state answered it: a record proves which text the person saw. */
  policyVersion: z.number().int().positive(),
  noticeHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'noticeHash is the notice’s "sha256:…" hash from GET /api/consent'),
  categories: flags,
  purposes: flags.optional(),
  /** navigator.globalPrivacyControl, as the banner read it. */
  gpc: z.boolean().optional(),
});
export type TChoose = z.infer<typeof ZChoose>;

/** What the browser may load of third-party advertising, as egress decided: nothing when the list is empty. */
export const ZAdvertising = z.object({ recipients: z.array(z.object({ id: z.string(), name: z.string() })) });
export const ZAskAdvertising = z.strictObject({
  /** navigator.globalPrivacyControl, as the banner read it (a `Sec-GPC: 1` header counts too). */
  gpc: z.boolean().optional(),
});
