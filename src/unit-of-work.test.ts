import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditForSubject, verifyAuditChain } from './modules/audit/index.js';
import { SYSTEM_ACTOR } from './platform/unit-of-work/index.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';

// The platform's unit of work as the app wires it: the audit module writes the entries, the mail
// module the outbox, pg-boss the jobs — all in the one transaction, or not at all.
describe('unit of work', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({}, { role: 'api' });
    await app.startJobs();
  });
  afterAll(async () => app.dispose());

  const outboxTo = async (to: string) => app.services.mail.list({ limit: 10, to });

  it('commits the audit entry, the mail and the job together, and runs deliveries only after commit', async () => {
    const subject = randomUUID();
    const seenAfterCommit: number[] = [];
    const jobId = await app.uow.run({ actor: SYSTEM_ACTOR, requestId: 'req-1' }, async (work) => {
      await work.audit({ action: 'test.changed', subjectId: subject, details: { field: 'name' } });
      await work.mail({ to: 'Person@Example.com', kind: 'test.note', subject: 'Hello', text: 'body' });
      // Another connection would not see the entry yet; after commit it must.
      work.afterCommit(async () => void seenAfterCommit.push((await listAuditForSubject(app.db, subject)).length));
      return work.enqueue(app.services.rights.reminderJob, {});
    });
    const [entry] = await listAuditForSubject(app.db, subject);
    expect(entry).toMatchObject({ action: 'test.changed', actor_role: 'system', request_id: 'req-1' });
    expect(await outboxTo('person@example.com')).toHaveLength(1);
    expect(seenAfterCommit).toEqual([1]);
    expect(jobId).toBeTruthy();
    expect((await app.jobs.findJob(app.services.rights.reminderJob, jobId!))?.state).toBe('created');
  });

  it('leaves nothing behind when the use-case throws, and runs no delivery', async () => {
    const subject = randomUUID();
    let jobId: string | null = null;
    let delivered = false;
    await expect(
      app.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
        await work.audit({ action: 'test.changed', subjectId: subject });
        await work.mail({ to: 'nobody@example.com', kind: 'test.note', subject: 'Hello', text: 'body' });
        jobId = await work.enqueue(app.services.rights.reminderJob, {});
        work.afterCommit(async () => void (delivered = true));
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await listAuditForSubject(app.db, subject)).toEqual([]);
    expect(await outboxTo('nobody@example.com')).toEqual([]);
    expect(jobId).toBeTruthy();
    expect(await app.jobs.findJob(app.services.rights.reminderJob, jobId!)).toBeNull();
    expect(delivered).toBe(false);
    expect((await verifyAuditChain(app.db)).ok).toBe(true);
  });

  it('undoes only the part under a savepoint that fails, on this backend too', async () => {
    const subject = randomUUID();
    await app.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      await work.audit({ action: 'test.kept', subjectId: subject });
      await expect(
        work.savepoint('optional part', async () => {
          await work.audit({ action: 'test.undone', subjectId: subject });
          throw new Error('optional part failed');
        }),
      ).rejects.toThrow('optional part failed');
      await work.savepoint('second part', async () => work.audit({ action: 'test.also_kept', subjectId: subject }));
    });
    const actions = (await listAuditForSubject(app.db, subject)).map((e) => e.action).sort();
    expect(actions).toEqual(['test.also_kept', 'test.kept']);
    expect((await verifyAuditChain(app.db)).ok).toBe(true);
  });

  it('keeps the commit when a delivery after it fails', async () => {
    const subject = randomUUID();
    await app.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      await work.audit({ action: 'test.changed', subjectId: subject });
      work.afterCommit(async () => {
        throw new Error('relay down');
      });
    });
    expect(await listAuditForSubject(app.db, subject)).toHaveLength(1);
  });
});
