import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerMailCommand(program: Command, ctx: CliContext) {
  const mail = program.command('mail').description('Read the mail outbox (every message is kept there; SMTP is optional).');
  mail
    .command('list')
    .description('Print the newest messages, with their full text (links included).')
    .option('--to <email>', 'only messages to this address')
    .option('--limit <n>', 'how many', '20')
    .action(async (opts: { to?: string; limit: string }) => {
      await ctx.withApp(async (app) => {
        const rows = await app.services.mail.list({ limit: Number(opts.limit) || 20, ...(opts.to ? { to: opts.to } : {}) });
        if (rows.length === 0) ctx.io.out('The outbox is empty.');
        for (const m of rows) {
          ctx.io.out(`--- ${m.created_at.toISOString()}  ${m.kind}  ${m.sent_at ? 'sent' : m.last_error ? `not sent: ${m.last_error}` : 'not sent (outbox only)'}`);
          ctx.io.out(`To: ${m.to_address}\nSubject: ${m.subject}\n\n${m.body_text}\n`);
        }
      });
    });
}
