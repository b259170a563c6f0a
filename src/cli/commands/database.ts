import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

/**
 * `meshvault database vacuum`: the nightly upkeep of the embedded database, now (after removing a lot,
 * say, or before a backup). On PostgreSQL its own autovacuum does this, and the command says so.
 */
export function registerDatabaseCommand(program: Command, ctx: CliContext) {
  const database = program.command('database').description('The database\'s own upkeep.');

  database
    .command('vacuum')
    .description('Vacuum and analyse every table of the embedded database now, as the server does each night (on PostgreSQL, its autovacuum does this).')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withApp(async (app) => {
        const { vacuumEmbeddedDatabase, databaseBytes } = await import('../../platform/db/index.js');
        if (app.database.kind !== 'pglite') {
          if (opts.json) return ctx.io.out(JSON.stringify({ database: app.database.kind, tables: 0 }));
          return ctx.io.out('This installation runs on PostgreSQL, whose autovacuum keeps its tables; nothing to do.');
        }
        const before = await databaseBytes(app.database);
        const started = performance.now();
        const { tables } = await vacuumEmbeddedDatabase(app.database);
        const seconds = (performance.now() - started) / 1000;
        const after = await databaseBytes(app.database);
        if (opts.json) return ctx.io.out(JSON.stringify({ database: app.database.kind, tables, seconds, bytesBefore: before, bytesAfter: after }));
        ctx.io.out(`Vacuumed and analysed ${tables} tables in ${seconds.toFixed(1)} s; the database holds ${mebibytes(after)} (${mebibytes(before)} before).`);
      });
    });
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
