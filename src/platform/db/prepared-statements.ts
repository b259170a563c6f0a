import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Distinct statements one connection (or PGlite's one backend) keeps prepared; the least recently used goes beyond it (variable IN lists make many texts). */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** A text that changes the schema: after one, what was prepared is forgotten (a result's columns may differ now). */
export const SCHEMA_CHANGE = /^\s*(create|alter|drop|comment|grant|revoke)\b/i;

/** The error PostgreSQL gives for a prepared statement whose result columns changed under it. */
export const RESULT_TYPE_CHANGED = '0A000';

type Prepared = { names: Map<string, string>; next: number; epoch: number };
type Parsed = { parsedStatements: Record<string, string> };

/**
 * Kysely's pool with every parameterised query a named prepared statement on its connection (issue #12:
 * PostgreSQL parsed and planned each sign-in's large statements again on every call). pg parses a named
 * statement once per connection and then only binds and executes it; the plan follows PostgreSQL's
 * plan_cache_mode. Names are a per-connection counter, never reused, so forgetting one on our side
 * can never meet a different text under the same name. Texts without parameters (transaction control,
 * migrations' DDL, several statements in one text) go as before.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const prepared = new WeakMap<pg.PoolClient, Prepared>();
  let schemaEpoch = 0;

  function preparedOn(client: pg.PoolClient): Prepared {
    let state = prepared.get(client);
    if (!state) prepared.set(client, (state = { names: new Map(), next: 0, epoch: schemaEpoch }));
    return state;
  }

  async function query(client: pg.PoolClient, text: string, values: readonly unknown[]) {
    if (values.length === 0) {
      if (SCHEMA_CHANGE.test(text)) schemaEpoch++;
      return client.query(text);
    }
    const state = preparedOn(client);
    if (state.epoch !== schemaEpoch) await forgetAll(client, state, schemaEpoch);
    const run = async () => client.query({ name: await nameFor(client, state, text), text, values: values as unknown[] });
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== RESULT_TYPE_CHANGED) throw error;
      // The schema changed under a statement prepared before (another process migrated): forget it so
      // it is prepared afresh. Outside a transaction nothing ran and nothing is aborted (the connection
      // is idle again), so the statement runs once more at once; inside one, the error stands.
      forget(client, state, text);
      if (client.getTransactionStatus() !== 'I') throw error;
      return run();
    }
  }

  return {
    async connect() {
      const client = await pool.connect();
      let outer = wrapped.get(client);
      if (!outer) {
        const raw = client;
        outer = {
          // A cursor (streaming) goes to pg as it is.
          query: ((text: string | pg.Submittable, values: readonly unknown[]) =>
            typeof text === 'string' ? query(raw, text, values) : raw.query(text)) as unknown as PostgresPoolClient['query'],
          release: () => raw.release(),
        };
        wrapped.set(client, outer);
      }
      return outer;
    },
    end: () => pool.end(),
  };
}

/** The statement name for `text` on this connection, making room when it holds the most it may. */
async function nameFor(client: pg.PoolClient, state: Prepared, text: string): Promise<string> {
  const known = state.names.get(text);
  if (known !== undefined) {
    // Most recently used last: the map's order is the eviction order.
    state.names.delete(text);
    state.names.set(text, known);
    return known;
  }
  if (state.names.size >= MAX_PREPARED_PER_CONNECTION) {
    const [oldText, oldName] = state.names.entries().next().value as [string, string];
    forget(client, state, oldText);
    // Best effort: in an aborted transaction it fails and the server keeps the statement until the
    // connection closes; its name is never used again, so nothing can meet it.
    await client.query(`deallocate "${oldName}"`).catch(() => {});
  }
  const name = `mv${state.next++}`;
  state.names.set(text, name);
  return name;
}

function forget(client: pg.PoolClient, state: Prepared, text: string): void {
  const name = state.names.get(text);
  if (name === undefined) return;
  state.names.delete(text);
  delete parsedOf(client).parsedStatements[name];
}

async function forgetAll(client: pg.PoolClient, state: Prepared, epoch: number): Promise<void> {
  for (const name of state.names.values()) delete parsedOf(client).parsedStatements[name];
  state.names.clear();
  state.epoch = epoch;
  await client.query('deallocate all').catch(() => {});
}

/** pg's own record of the statements it parsed on this connection (pg 8: `client.connection.parsedStatements`). */
function parsedOf(client: pg.PoolClient): Parsed {
  return (client as unknown as { connection: Parsed }).connection;
}
