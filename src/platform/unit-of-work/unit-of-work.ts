import { sql, type Kysely, type Transaction } from 'kysely';
import type { Queryable } from '../db/index.js';
import type { JobDefinition, JobPayload, JobQueue, SendJobOptions } from '../jobs/index.js';
import type { Logger } from '../log/index.js';
import type { MailMessage } from '../mail/index.js';
import type { TActor, Who } from './actor.js';
import type { AuditNote, TAuditEntryInput } from './audit-entry.js';
import type { DomainEvent, DomainEventListener } from './domain-event.js';
import { makeStatementChange, type StatementChange } from './statement-change.js';

/**
 * One change, whole: the transaction it runs in, who makes it, and what it owes the rest of the
 * system — audit entries and outbox mail written in the same transaction, jobs queued in it, and
 * deliveries run once it has committed. A use-case states what it changes; this does the rest.
 */
export type Work = {
  /** The transaction, untyped: a module reads it through `tablesOf<ItsTables>(work)`. */
  readonly trx: Transaction<unknown>;
  readonly actor: TActor;
  readonly requestId: string | null;
  /** Writes an audit entry in this transaction, by this work's actor unless the note names another. */
  audit(note: AuditNote): Promise<void>;
  /** Writes the message to the outbox in this transaction; it is delivered after commit. */
  mail(message: MailMessage): Promise<void>;
  /** Queues a job in this transaction: it exists only if the transaction commits. */
  enqueue<P extends JobPayload>(job: JobDefinition<P>, payload: P, options?: Omit<SendJobOptions, 'transaction'>): Promise<string | null>;
  /** States a domain event in this transaction, for the app's listener (integrations) to record. */
  publish(event: DomainEvent): Promise<void>;
  /** Runs after commit, never after a rollback; a failure is logged and the commit stands. */
  afterCommit(task: () => Promise<void>): void;
  /** Runs `fn` under a savepoint: if it throws, only its writes are undone, and the error is rethrown. */
  savepoint<T>(name: string, fn: () => Promise<T>): Promise<T>;
};

export type UnitOfWork = {
  /** Runs `fn` in one transaction for `who`; after commit, runs the work's deliveries in order. */
  run<T>(who: Who, fn: (work: Work) => Promise<T>): Promise<T>;
  /**
   * Makes a change of one statement with its audit entry in that statement: no transaction, one round
   * trip (issue #12). Where the audit writer cannot take it so, the change and its entry are made in
   * a transaction instead; either way both exist or neither does.
   */
  runStatement<T>(who: Who, change: StatementChange<T>, note: AuditNote): Promise<T>;
};

export type UnitOfWorkDeps<Root> = {
  db: Kysely<Root>;
  log: Logger;
  /** The audit module's writer: appends to the hash chain inside `trx`. */
  writeAudit(trx: Queryable<Root>, entry: TAuditEntryInput): Promise<unknown>;
  /** The same, making `change` in the entry's statement; null when it cannot (nothing was changed). */
  writeAuditWith(db: Queryable<Root>, entry: TAuditEntryInput, change: StatementChange<unknown>): Promise<{ answer: Record<string, unknown> | null } | null>;
  /** The mail module's outbox: writes inside `trx`, returns the delivery to run after commit. */
  queueMail(trx: Queryable<Root>, message: MailMessage): Promise<() => Promise<void>>;
  jobs: Pick<JobQueue, 'send'>;
  /** Hears published events inside the work; none wired means events go nowhere. */
  publish?: DomainEventListener<Work>;
};

export function createUnitOfWork<Root>(deps: UnitOfWorkDeps<Root>): UnitOfWork {
  const uow: UnitOfWork = {
    async run<T>(who: Who, fn: (work: Work) => Promise<T>): Promise<T> {
      const afterCommit: Array<() => Promise<void>> = [];
      const result = await deps.db.transaction().execute(async (trx) => fn(openWork(deps, trx, who, afterCommit)));
      for (const task of afterCommit) {
        try {
          await task();
        } catch (error) {
          deps.log.warn({ err: (error as Error).message }, 'a task after commit failed; the change itself is saved');
        }
      }
      return result;
    },
    async runStatement<T>(who: Who, change: StatementChange<T>, { actor, ...note }: AuditNote): Promise<T> {
      const entry = { ...note, actor: actor ?? who.actor, requestId: who.requestId ?? null };
      const made = await deps.writeAuditWith(deps.db, entry, change);
      if (made) return change.parse(made.answer);
      return uow.run(who, async (work) => {
        const answer = await makeStatementChange(work.trx, change);
        await deps.writeAudit(work.trx as unknown as Queryable<Root>, entry);
        return answer;
      });
    },
  };
  return uow;
}

/**
 * The work's transaction as a module sees it: typed with that module's own tables only, so a query on
 * another module's table does not compile (it goes through that module's index.ts instead). Every
 * module's tables live in the one database, so the view is the same transaction.
 */
export function tablesOf<DB>(work: Work): Queryable<DB> {
  return work.trx as unknown as Queryable<DB>;
}

function openWork<Root>(deps: UnitOfWorkDeps<Root>, trx: Transaction<Root>, who: Who, afterCommit: Array<() => Promise<void>>): Work {
  const requestId = who.requestId ?? null;
  let savepoints = 0;
  const work: Work = {
    trx: trx as unknown as Transaction<unknown>,
    actor: who.actor,
    requestId,
    audit: async ({ actor, ...note }) => {
      await deps.writeAudit(trx, { ...note, actor: actor ?? who.actor, requestId });
    },
    mail: async (message) => {
      afterCommit.push(await deps.queueMail(trx, message));
    },
    enqueue: (job, payload, options = {}) => deps.jobs.send(job, payload, { ...options, transaction: trx }),
    publish: async (event) => {
      await deps.publish?.(work, event);
    },
    afterCommit: (task) => {
      afterCommit.push(task);
    },
    savepoint: async (name, fn) => {
      const label = `${name.replace(/\W/g, '_')}_${++savepoints}`;
      await sql.raw(`savepoint ${label}`).execute(trx);
      try {
        const value = await fn();
        await sql.raw(`release savepoint ${label}`).execute(trx);
        return value;
      } catch (error) {
        await sql.raw(`rollback to savepoint ${label}`).execute(trx);
        throw error;
      }
    },
  };
  return work;
}
