import type { TActor } from './actor.js';

/** One entry of the audit trail, as its writer (the audit module) takes it. */
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

/** What a use-case says about a change; the unit of work adds who did it and the request. */
export type AuditNote = Omit<TAuditEntryInput, 'actor' | 'requestId'> & {
  /** Another actor than the unit of work's (e.g. the system acting on someone's behalf). */
  actor?: TActor;
};
