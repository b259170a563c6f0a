import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, customerWithFile, sampleProject, signedIn, type TestUser } from './test-support/builders.js';
import { createClient } from './test-support/http-client.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';
import { manifestVariant, withoutCategory } from './modules/privacy/test-manifests.js';

type Problem = { code: string; detail: string; feature?: string; missingCategories?: string[]; missingFeatures?: string[] };
type Features = { features: Array<{ id: string; on: boolean; reason: string | null; missingCategories: string[] }>; declaredCategories: string[] };

let app: TestApp;
let officer: TestUser;

async function publish(yaml: string) {
  const res = await officer.c.post('/api/privacy/manifest/publish', { yaml });
  expect(res.statusCode, res.body).toBe(201);
}

async function features(): Promise<Features> {
  const res = await createClient(app).get('/api/features');
  expect(res.statusCode).toBe(200);
  return res.json<Features>();
}

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  officer = await signedIn(app, 'privacy_officer');
});
afterAll(async () => app?.dispose());

describe('features switched by the policy in force', () => {
  it('are all on under the default policy, which declares what each collects', async () => {
    const { features: list, declaredCategories } = await features();
    expect(list.map((f) => [f.id, f.on])).toEqual([
      ['projects', true],
      ['quotes', true],
      ['orders', true],
      ['organisations', true],
      ['subscriptions', true],
      ['licensing', true],
      ['support', true],
      ['analytics', true],
      ['marketing', true],
      ['configurator', true],
      ['integrations', true],
    ]);
    expect(declaredCategories).toContain('project.files');
  });

  it('refuses to drop a category rows still hold, counting them, and publishes nothing', async () => {
    await customerWithFile(app);
    const before = (await officer.c.get('/api/privacy/versions')).json<{ versions: unknown[] }>().versions.length;
    const res = await officer.c.post('/api/privacy/manifest/publish', { yaml: withoutCategory('project.files') });
    expect(res.statusCode).toBe(409);
    const body = res.json<Problem & { categories: Array<{ category: string; tables: Array<{ table: string; rows: number }> }> }>();
    expect(body.detail).toMatch(/project\.files: 1 row in projects, .*1 row in files\./);
    expect(body.detail).toContain('retention');
    expect(body.categories[0]?.category).toBe('project.files');
    expect(body.categories[0]?.tables).toContainEqual({ table: 'files', rows: 1 });
    expect((await officer.c.get('/api/privacy/versions')).json<{ versions: unknown[] }>().versions.length).toBe(before);
  });
});

describe('a policy without project files or messages', () => {
  let customer: TestUser;
  let projectId: string;

  beforeAll(async () => {
    // A fresh installation: nothing is held yet, so the categories can go.
    await app.dispose();
    app = await createTestApp();
    await app.startJobs();
    officer = await signedIn(app, 'privacy_officer');
    customer = await signedIn(app, 'customer');
    projectId = await createProject(customer);
    await app.db.deleteFrom('projects').execute();
    await app.db.deleteFrom('notifications').execute();
    await app.db.deleteFrom('mail_outbox').execute();
    await publish(manifestVariant((doc) => {
      for (const id of ['project.files', 'project.messages']) {
        doc.categories = doc.categories.filter((c) => c.id !== id);
        for (const list of [doc.purposes, doc.retention, doc.cookies, doc.recipients] as Array<Array<{ categories?: string[] }>>) for (const item of list) if (item.categories) item.categories = item.categories.filter((c) => c !== id);
      }
      doc.purposes = doc.purposes.filter((p) => p.categories.length > 0);
      doc.retention = doc.retention.filter((r) => r.categories.length > 0);
      doc.recipients = doc.recipients.filter((r) => r.categories.length > 0);
    }));
  });

  it('says projects and quotes are off, and why', async () => {
    const list = (await features()).features;
    expect(list.find((f) => f.id === 'projects')).toMatchObject({ on: false, missingCategories: ['project.files', 'project.messages'] });
    expect(list.find((f) => f.id === 'projects')?.reason).toContain('does not declare project files (project.files), project messages (project.messages)');
    expect(list.find((f) => f.id === 'quotes')).toMatchObject({ on: false, missingCategories: [] });
    expect(list.find((f) => f.id === 'organisations')?.on).toBe(true);
  });

  it('accepts no project and no upload on any route, naming the reason', async () => {
    const attempts = [
      customer.c.post('/api/projects', sampleProject),
      customer.c.get('/api/projects'),
      customer.c.get(`/api/projects/${projectId}`),
      customer.c.post(`/api/projects/${projectId}/uploads`, {}),
      customer.c.get(`/api/files/${projectId}`),
      customer.c.get('/api/notifications'),
      customer.c.post(`/api/projects/${projectId}/quotes`, {}),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json<Problem>();
      expect(problem.code).toBe('feature_off');
      expect(problem.detail).toMatch(/switched off on this installation/);
    }
    const tus = await app.http.inject({ method: 'POST', url: `/api/projects/${projectId}/uploads`, headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', cookie: [...customer.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(tus.statusCode).toBe(404);
    expect(await app.db.selectFrom('file_uploads').selectAll().execute()).toEqual([]);
  });

  it('runs none of its jobs: queued work is passed over, not failed', async () => {
    await app.uow.run({ actor: { id: officer.id, role: 'admin' } }, (work) => work.enqueue(app.services.files.analyzeJob, { fileId: randomUUID() }));
    const report = await app.jobs.drain();
    expect(report.failed).toEqual([]);
    expect(report.completed['files.analyze.v1']).toBe(1);
  });
});

describe('a policy without project specifications', () => {
  beforeAll(async () => {
    await app.dispose();
    app = await createTestApp();
    await app.startJobs();
    officer = await signedIn(app, 'privacy_officer');
    await publish(withoutCategory('project.specifications'));
  });

  it('opens projects without them, refuses them by name, and switches quotes off', async () => {
    const customer = await signedIn(app, 'customer');
    const refused = await customer.c.post('/api/projects', sampleProject);
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>().detail).toContain('process (project.specifications)');
    const id = await createProject(customer, { title: 'Scan of a bust', process: undefined, material: undefined, colour: undefined, quantity: undefined, units: undefined, toleranceMm: undefined, finish: undefined, wantedDeliveryDate: undefined, notes: undefined });
    const row = await app.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Scan of a bust', process: null, material: null, quantity: null, units: null, notes: null });
    expect((await features()).features.find((f) => f.id === 'quotes')).toMatchObject({ on: false, missingCategories: ['project.specifications'] });
    expect((await customer.c.post(`/api/projects/${id}/quotes`, {})).json<Problem>().code).toBe('feature_off');
  });
});
