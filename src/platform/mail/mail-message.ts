/** An e-mail as use-cases compose it; the mail module writes it to the outbox and delivers it. */
export type MailMessage = {
  to: string;
  userId?: string | null;
  /** a stable name for what the message is, e.g. `accounts.verify_email`; logged instead of the address */
  kind: string;
  subject: string;
  text: string;
  /**
   * The HTML body its kind's template rendered (`mailTemplate`), laid out in the house HTML layout at
   * delivery with the operator's name; without it (a test's ad-hoc message) the text is laid out.
   */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post on marketing mail. */
  headers?: Record<string, string>;
  /** Where the person's reply goes (a support ticket's own address), when not to the sender. */
  replyTo?: string;
  /** The Message-ID to send with (`<id@domain>`), so a reply's In-Reply-To can be matched. */
  messageId?: string;
  /** A marketing message: the manifest purpose, topic and channel it is for (its release asks the person's choice for exactly that). */
  marketing?: MarketingTarget;
};

/** What a marketing message is: a marketing purpose of the manifest, one of its topics, one channel. */
export type MarketingTarget = { purpose: string; topic: string; channel: string };
