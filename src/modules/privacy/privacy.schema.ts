import { z } from 'zod';
import { MAX_MANIFEST_CHARS } from './manifest/index.js';

// Twice the manifest limit: a longer text is still answered with a positioned problem, not a bare 400.
export const ZManifestBody = z.object({ yaml: z.string().max(MAX_MANIFEST_CHARS * 2, 'a manifest may have at most 262,144 characters') });

export const ZManifestProblem = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  path: z.string(),
  message: z.string(),
  kind: z.enum(['syntax', 'schema', 'semantic']),
});

const ZLevel = z.enum(['initial', 'significant', 'minor']);

export const ZPublished = z.object({
  version: z.number(),
  changeLevel: ZLevel,
  publishedAt: z.date(),
  effectiveAt: z.date(),
  summary: z.string(),
  reasons: z.array(z.string()),
  consentPurposes: z.array(z.string()),
  notifying: z.boolean(),
  /** What the manifest check warns of (never blocking), as `manifest check` prints it. */
  warnings: z.array(ZManifestProblem),
});

export const ZDraftCheck = z.object({
  valid: z.boolean(),
  problems: z.array(ZManifestProblem),
  warnings: z.array(ZManifestProblem),
  preview: z.object({ html: z.string() }).nullable(),
  change: z.object({ level: z.enum(['significant', 'minor']), sentences: z.array(z.string()), reasons: z.array(z.string()), unchanged: z.boolean() }).nullable(),
});

export const ZVersionSummary = z.object({
  version: z.number(),
  publishedAt: z.date(),
  effectiveAt: z.date(),
  changeLevel: ZLevel,
  summary: z.string(),
  reasons: z.array(z.string()),
});

export const ZVersionNumber = z.coerce.number().int().min(1).max(1_000_000);

export const ZDiffQuery = z.object({ from: ZVersionNumber, to: ZVersionNumber });

export const ZDiff = z.object({
  from: z.number(),
  to: z.number(),
  sentences: z.array(z.string()),
  level: z.enum(['significant', 'minor']),
  reasons: z.array(z.string()),
  consentPurposes: z.array(z.string()),
});

export const ZConsentAnswer = z.object({ answer: z.enum(['accept', 'decline']) });

export const ZConsentPrompt = z.object({
  id: z.uuid(),
  version: z.number(),
  purposes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), categories: z.array(z.string()) })),
  createdAt: z.date(),
});

/** The version a person accepts after their account was made: as /privacy.json gives it, and the ticked box unless accepted by use. */
export const ZPolicyAcceptance = z.object({
  version: z.number().int().min(1),
  hash: z.string().min(1).max(100),
  accepted: z.boolean().optional(),
});
