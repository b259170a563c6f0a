import { parse, protocol, type messages, type PGlite } from '@electric-sql/pglite';
import { MAX_PREPARED_PER_CONNECTION, RESULT_TYPE_CHANGED, SCHEMA_CHANGE } from './prepared-statements.js';

/** A text that drops the session's prepared statements: what was prepared is forgotten, as after a schema change. */
const DROPS_STATEMENTS = /^\s*(discard|deallocate)\b/i;

/**
 * Errors after which a prepared statement is forgotten and, outside a transaction, run once more:
 * its result columns changed under it (another migration), or the session no longer has it.
 */
const STALE_STATEMENT = new Set([RESULT_TYPE_CHANGED, '26000']);

type Statement = { name: string; paramTypes: number[]; rows: messages.RowDescriptionMessage | null };
export type PgliteResult<R> = { rows: R[]; affectedRows?: number };

/** Statement names are unique in the process, so a name one handle left in a session can never meet another's text. */
let nextName = 0;

/**
 * Parameterised queries on PGlite as named prepared statements (issue #12), as `preparingPool` does on
 * PostgreSQL. `pglite.query` parses, describes, binds and executes in six calls into Postgres, parsing
 * and planning the text every time; here a text is parsed and described once, then every call is one
 * Bind + Execute + Sync. Parameters and results go through PGlite's own serializers and parsers, so
 * values come back as `pglite.query` returns them. The caller serialises access to the database (the
 * handle's mutex), as it does for `pglite.query`.
 */
export class PglitePreparedStatements {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly pglite: PGlite) {}

  async query<R>(text: string, values: readonly unknown[]): Promise<PgliteResult<R>> {
    if (values.length === 0) {
      if (SCHEMA_CHANGE.test(text) || DROPS_STATEMENTS.test(text)) await this.forgetAll();
      return this.pglite.query<R>(text, [], { rowMode: 'object' });
    }
    try {
      return await this.run<R>(text, values);
    } catch (error) {
      if (!STALE_STATEMENT.has((error as { code?: string }).code ?? '')) throw error;
      await this.forget(text);
      // Outside a transaction nothing ran and nothing is aborted, so the text is prepared afresh and run
      // once more; inside one, the error stands (the transaction is aborted).
      if (this.pglite.isInTransaction()) throw error;
      return this.run<R>(text, values);
    }
  }

  private async run<R>(text: string, values: readonly unknown[]): Promise<PgliteResult<R>> {
    // execProtocol does not check, as pglite.query does: a closed database would fail inside its wasm.
    if (this.pglite.closed) throw new Error('PGlite is closed');
    const statement = this.statements.get(text) ?? (await this.prepare(text));
    // Most recently used last: the map's order is the eviction order.
    this.statements.delete(text);
    this.statements.set(text, statement);
    const params = values.map((value, i) => this.serialize(value, statement.paramTypes[i]!));
    const { serialize } = protocol;
    const reply = await this.pglite.execProtocol(concat(serialize.bind({ statement: statement.name, values: params }), serialize.execute({}), serialize.sync()));
    const replies: messages.BackendMessage[] = statement.rows ? [statement.rows, ...reply.messages] : reply.messages;
    const [result] = parse.parseResults(replies, this.pglite.parsers, { rowMode: 'object' });
    return { rows: result!.rows as R[], ...(result!.affectedRows !== undefined ? { affectedRows: result!.affectedRows } : {}) };
  }

  private async prepare(text: string): Promise<Statement> {
    if (this.statements.size >= MAX_PREPARED_PER_CONNECTION) await this.forget(this.statements.keys().next().value as string);
    const name = `mvl${nextName++}`;
    const { serialize } = protocol;
    const reply = await this.pglite.execProtocol(concat(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()));
    const statement: Statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(reply.messages),
      rows: (reply.messages.find((m) => m.name === 'rowDescription') as messages.RowDescriptionMessage | undefined) ?? null,
    };
    this.statements.set(text, statement);
    return statement;
  }

  /** As `pglite.query` serialises a parameter: null stays null, a type PGlite knows uses its serializer, anything else its text. */
  private serialize(value: unknown, type: number): string | null {
    if (value === null || value === undefined) return null;
    const serializer = this.pglite.serializers[type];
    if (serializer) return serializer(value);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what pglite.query sends for a type it has no serializer for
    return String(value);
  }

  private async forget(text: string): Promise<void> {
    const statement = this.statements.get(text);
    if (!statement) return;
    this.statements.delete(text);
    // In an aborted transaction this fails and the session keeps the statement; its name is never used again.
    await this.pglite.query(`deallocate "${statement.name}"`).catch(() => {});
  }

  private async forgetAll(): Promise<void> {
    if (this.statements.size === 0) return;
    this.statements.clear();
    await this.pglite.query('deallocate all').catch(() => {});
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
