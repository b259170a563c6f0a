import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { buildProgram } from './program.js';
import { runInsideServer } from './run-inside-server.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

describe('a command run inside the server', () => {
  // Commander would end the process on these, from the subcommand that met them: the server with it.
  it('answers a usage error or a help request, and the server goes on', async () => {
    const run = runInsideServer(app, buildProgram);
    const extra = await run(['database', 'vacuum', 'extra'], {});
    expect(extra.exitCode).toBe(1);
    expect(extra.stderr).toContain("too many arguments for 'vacuum'");
    const unknownOption = await run(['retention', 'plan', '--nope'], {});
    expect(unknownOption.exitCode).toBe(1);
    expect(unknownOption.stderr).toContain("unknown option '--nope'");
    const missing = await run(['retention', 'certificate'], {});
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("missing required argument 'runId'");
    const unknownCommand = await run(['retention', 'nope'], {});
    expect(unknownCommand.exitCode).toBe(1);
    const help = await run(['database', 'vacuum', '--help'], {});
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: meshvault database vacuum');
    // Still serving: a command after them runs as usual.
    const plan = await run(['retention', 'plan', '--json'], {});
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toHaveProperty('items');
  });
});
