import { sql, type Kysely } from 'kysely';

/**
 * A delivery's attempt in flight: the call to the receiver is made outside any transaction, so the
 * delivery is claimed first (which attempt is sending, and until when no other worker may send it) and
 * the answer is recorded after. A claim whose time has passed is an attempt a crash interrupted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table integration_deliveries
      add column sending_attempt_id uuid,
      add column sending_until timestamptz,
      add constraint integration_deliveries_sending_whole check ((sending_attempt_id is null) = (sending_until is null))`.execute(db);
}
