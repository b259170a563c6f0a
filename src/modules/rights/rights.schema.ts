import { z } from 'zod';
import { ZDataExport } from '../data-export/index.js';
import { PROCESSING_KINDS } from './rights.tables.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** What was disclosed, to whom and why; whose data it was comes from the route. */
export const ZDisclosureFacts = z.object({
  kind: z.enum(['authority', 'third_party']),
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
