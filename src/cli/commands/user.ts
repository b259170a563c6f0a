import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ROLES } from '../../platform/http/roles.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/actors.js';
import type { CliContext } from '../cli-context.js';

/** The input checks, loaded when a user command runs rather than whenever the CLI starts. */
async function inputSchemas() {
  const [{ z }, { ZRole }] = await Promise.all([import('zod'), import('../../platform/http/request-identity.js')]);
  const ZCreate = z.object({
    email: z.email('must be an e-mail address'),
    name: z.string().min(1),
    role: ZRole,
    password: z.string().min(12, 'must be at least 12 characters').optional(),
    oneTime: z.boolean().optional(),
  });
  return { ZCreate, ZRole };
}

export function registerUserCommand(program: Command, ctx: CliContext) {
  const user = program.command('user').description('Manage user accounts.');

  user
    .command('create')
    .description('Create a verified account. Prints a one-time password unless --password is given; the person must replace a one-time password when they first sign in.')
    .requiredOption('--email <email>', 'e-mail address')
    .option('--name <name>', 'display name', 'Operator')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'customer')
    .option('--password <password>', 'initial password (at least 12 characters)')
    .option('--one-time', 'with --password: a password you chose for someone else, to be replaced at their first sign-in')
    .action(async (raw: Record<string, unknown>) => {
      const { ZCreate } = await inputSchemas();
      const parsed = ZCreate.safeParse(raw);
      if (!parsed.success) return ctx.io.fail(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      const { oneTime, ...input } = parsed.data;
      const password = input.password ?? randomBytes(12).toString('base64url');
      // Whoever reads a generated password on this console is not necessarily the account's owner.
      const passwordMustChange = !input.password || oneTime === true;
      await ctx.withApp(async (app) => {
        const { id } = await app.services.accounts.createUser(CLI_ACTOR, { ...input, email: input.email.toLowerCase(), password, passwordMustChange }, { requestId: 'cli' });
        ctx.io.out(`Created ${input.role} ${input.email} (id ${id}).`);
        if (!input.password) ctx.io.out(`One-time password (shown once): ${password}`);
        if (passwordMustChange) ctx.io.out('It must be replaced at the first sign-in.');
      });
    });

  user
    .command('list')
    .description('List accounts, newest first.')
    .option('--role <role>', 'only this role')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: { role?: string; limit: string }) => {
      const { ZRole } = await inputSchemas();
      const role = opts.role ? ZRole.safeParse(opts.role) : null;
      if (role && !role.success) return ctx.io.fail(`--role must be one of ${ROLES.join(', ')}`);
      await ctx.withApp(async (app) => {
        const rows = await app.services.accounts.listUsersBy(
          CLI_ACTOR,
          { limit: Number(opts.limit) || 50, offset: 0, ...(role?.success ? { role: role.data } : {}) },
          { requestId: 'cli' },
        );
        for (const r of rows) {
          ctx.io.out(`${r.id}  ${r.role.padEnd(15)} ${r.status.padEnd(9)} ${r.emailVerified ? 'verified  ' : 'unverified'} ${r.email}`);
        }
        if (rows.length === 0) ctx.io.out('No users.');
      });
    });

  user
    .command('set-role')
    .description('Change the role of an account.')
    .argument('<email>', 'the account')
    .argument('<role>', ROLES.join(' | '))
    .action(async (email: string, roleText: string) => {
      const { ZRole } = await inputSchemas();
      const role = ZRole.safeParse(roleText);
      if (!role.success) return ctx.io.fail(`Role must be one of ${ROLES.join(', ')}.`);
      await ctx.withApp(async (app) => {
        const row = await app.services.accounts.getUserByEmail(email);
        if (!row) return ctx.io.fail(`No account with e-mail ${email}.`);
        await app.services.accounts.setRole(CLI_ACTOR, row.id, role.data, { requestId: 'cli' });
        ctx.io.out(`${email} is now ${role.data}.`);
      });
    });
}
