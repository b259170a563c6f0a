import { sql, type Kysely } from 'kysely';

/**
 * A named connector's outgoing credential (an API key or bearer token its system is called with):
 * sealed under the master key, with how it is sent and a hint (its last characters) for its owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table integration_connections
      add column credential_scheme text check (credential_scheme in ('bearer', 'header')),
      add column credential_header text,
      add column credential_sealed text,
      add column credential_hint text,
      add constraint integration_connections_credential_whole check ((credential_scheme is null) = (credential_sealed is null) and (credential_sealed is null) = (credential_hint is null))`.execute(db);
}
