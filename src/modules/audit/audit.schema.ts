import { z } from 'zod';

/** Who did something: a signed-in person, the system (jobs, start-up), or the operator's CLI. */
export const ZActor = z.object({
  id: z.uuid().nullable(),
  role: z.string().min(1),
});
export type TActor = z.infer<typeof ZActor>;

export const SYSTEM_ACTOR: TActor = { id: null, role: 'system' };
export const CLI_ACTOR: TActor = { id: null, role: 'operator-cli' };

export type TAuditEntryInput = {
  actor: TActor;
  /** dotted verb, e.g. `accounts.signed_up`, `projects.read_by_staff` */
  action: string;
  /** whose personal data the action touched */
  subjectId?: string | null;
  target?: { type: string; id: string };
  requestId?: string | null;
  /** ids and field names only — never the personal values themselves */
  details?: Record<string, unknown>;
};

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  subjectId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
