import type { Kysely } from 'kysely';
import * as store from './egress.store.js';

/** The recipients of every recorded hand-over, for the privacy check. */
export async function recordedRecipients(db: Kysely<unknown>): Promise<Array<{ recipient: string; handovers: number; outsidePolicy: boolean }>> {
  const rows = await store.recordedRecipients(db);
  return rows.map((r) => ({ recipient: r.recipient, handovers: Number(r.handovers), outsidePolicy: Boolean(r.outside_policy) }));
}
