import {
  CompiledQuery,
  createQueryId,
  IdentifierNode,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Mutex } from './mutex.js';
import type { EmbeddedPglite } from './embedded-pglite.js';

/**
 * Kysely dialect over an embedded PGlite (in this thread or a worker's). PGlite is a single Postgres backend, so there is exactly
 * one connection; the mutex hands it to one Kysely connection (or transaction) at a time, which is
 * what keeps concurrent transactions from interleaving their statements.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly database: EmbeddedPglite,
    private readonly mutex: Mutex,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.database, this.mutex);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  constructor(
    database: EmbeddedPglite,
    private readonly mutex: Mutex,
  ) {
    this.connection = new PGliteConnection(database);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: { isolationLevel?: string }): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  // As Kysely's PostgresDriver does: without these, `trx.savepoint()` throws on the embedded database.
  async savepoint(conn: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(compileQuery(savepointCommand('savepoint', name), createQueryId()));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(compileQuery(savepointCommand('rollback to', name), createQueryId()));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(compileQuery(savepointCommand('release', name), createQueryId()));
  }
  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
  async destroy(): Promise<void> {}
}

/** `<command> "<name>"`: the name goes through the compiler as an identifier, so it is quoted and escaped. */
function savepointCommand(command: 'savepoint' | 'rollback to' | 'release', name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly database: EmbeddedPglite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.database.query<R>(compiled.sql, compiled.parameters);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // PGlite has no cursors over the wire; yield the materialised rows in chunks so callers written
  // for streaming still work (PostgreSQL, the scale-out backend, streams for real).
  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiled);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}
