import type { ActivePolicy } from '../privacy/index.js';

export type EgressDeps = {
  now: () => Date;
  /** Read inside the caller's work (`inWork`): a check never opens a second connection. */
  policy: Pick<ActivePolicy, 'inWork'>;
  /**
   * The manifest recipient that is the installation's mail provider (`MESHVAULT_MAIL_RECIPIENT`), or
   * null when mail leaves through the operator's own server: then no third party receives it, and
   * only the person's restriction and opt-outs are asked.
   */
  mailRecipient: string | null;
};
