import { z } from 'zod';
import { ZDataExport } from '../data-export/index.js';
import { PROCESSING_KINDS } from '../egress/index.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** What was disclosed, to whom and why; whose data it was comes from the route. */
export const ZDisclosureFacts = z.object({
  kind: z.enum(['authority', 'third_party']),
  /** A recipient of the policy by its id (e.g. authorities), or the name of one outside it. */
  recipient: text(300),
  legalBasis: text(1000),
  categories: z.array(z.string().max(64)).min(1, 'choose at least one kind of data').max(60),
  reference: text(300).optional(),
  disclosedAt: z.coerce.date().optional(),
});

/** Officers rarely know account ids: the person is named by id or by e-mail address, exactly one. */
export const ZRecordDisclosure = ZDisclosureFacts.extend({
  subjectId: z.uuid().optional(),
  subjectEmail: z.email({ error: 'expected an e-mail address such as someone@example.com' }).max(254).optional(),
}).refine((b) => (b.subjectId === undefined) !== (b.subjectEmail === undefined), {
  error: 'name the person whose data was disclosed by subjectId or by subjectEmail, exactly one of the two',
});

export const ZProcessingKind = z.enum(PROCESSING_KINDS);
export const ZRestriction = z.object({ reason: text(1000).optional() });

/** An export an organisation administrator asked for about one of their members. */
export const ZMemberExport = ZDataExport.extend({ userId: z.uuid(), memberName: z.string() });
export const ZMemberErasure = z.object({ userId: z.uuid(), requestedAt: z.date() });
export const ZMemberRequest = z.object({ id: z.uuid(), memberId: z.uuid(), memberName: z.string(), kind: z.string(), status: z.string(), receivedOn: z.string(), dueOn: z.string() });

const ZJurisdiction = z.object({ id: z.string(), name: z.string(), rights: z.array(z.string()) });

/** Everything held about the signed-in person (privacy-dashboard.ts), in the manifest's words. */
export const ZPrivacyDashboard = z.object({
  policyVersion: z.number(),
  categories: z.array(
    z.object({
      category: z.string(),
      label: z.string(),
      description: z.string(),
      rows: z.number(),
      tables: z.array(z.object({ table: z.string(), description: z.string(), rows: z.number(), preview: z.array(z.record(z.string(), z.string().nullable())) })),
      purposes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), legalBasis: z.string() })),
      retention: z.object({ rule: z.string(), endAction: z.string(), reason: z.string().nullable(), earliestEnd: z.string().nullable(), latestEnd: z.string().nullable(), undated: z.number().int().describe('rows whose clock has not started yet (an open project, an account not closed): no date yet') }).nullable(),
      recipients: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), service: z.string(), country: z.string() })),
    }),
  ),
  disclosures: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      recipient: z.string(),
      categories: z.array(z.string()),
      categoryLabels: z.array(z.string()),
      legalBasis: z.string(),
      purpose: z.string().nullable(),
      outsidePolicy: z.boolean(),
      reference: z.string().nullable(),
      disclosedAt: z.string(),
    }),
  ),
  restrictions: z.array(z.object({ scope: z.enum(['all', ...PROCESSING_KINDS]), since: z.string(), reason: z.string().nullable() })),
  exports: z.array(ZDataExport.extend({ createdAt: z.string(), completedAt: z.string().nullable(), downloadedAt: z.string().nullable() })),
  requests: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), receivedOn: z.string(), dueOn: z.string() })),
  jurisdictions: z.array(ZJurisdiction),
});
