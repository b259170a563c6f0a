import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { FileVault } from '../files/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { SupportTables } from './support.tables.js';

/** Operational settings (MESHVAULT_SUPPORT_*), not promises of the policy. */
export type SupportSettings = {
  /** The support address (support@example.com): replies come from support+<ticket token>@ its domain. */
  address: string;
  /** How long the link confirming a visitor's address works. */
  confirmHours: number;
  /** The largest attachment, and how many one message may carry. */
  attachmentMaxBytes: number;
  attachmentMaxCount: number;
  /** Work of the contact form's proof-of-work challenge (hash rounds per attempt) and how long one is valid. */
  challengeCost: number;
  challengeMinutes: number;
};

export type SupportDeps = {
  db: Kysely<SupportTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** Which contact fields the policy in force declares; answer deadlines for privacy requests made from a ticket. */
  policy: Pick<ActivePolicy, 'values' | 'current'>;
  fileVault: FileVault;
  settings: SupportSettings;
  /** Signs and checks the confirmation links (a key derived from the master keys, wired in app.ts). */
  links: { sign(message: string): string; verify(message: string, signature: string): boolean };
  /** The HMAC secret of the spam challenge, derived from the master keys in app.ts. */
  challengeSecret: string;
};
