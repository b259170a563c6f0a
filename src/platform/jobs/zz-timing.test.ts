import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createJobQueue, defineJob } from './index.js';

it('timing', async () => {
  for (const dir of [null, mkdtempSync(join(tmpdir(), 'mv-jobs-t-'))]) {
    let t = Date.now();
    const lap = (what: string) => { console.log(dir ? 'disk' : 'mem', what, Date.now() - t); t = Date.now(); };
    const handle = await openDatabase<unknown>({ kind: 'pglite', dir });
    lap('open');
    const job = defineJob({ name: 'test.t', version: 1, schema: z.object({}), handler: async () => {} });
    const q = createJobQueue({ handle, log: createLogger('silent'), pollingIntervalSeconds: 0.5 });
    await q.work(job);
    await q.start();
    lap('start');
    await q.send(job, {});
    lap('send');
    await q.stop();
    lap('stop');
    await handle.close();
    lap('close');
  }
});
