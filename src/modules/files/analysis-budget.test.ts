import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWithProject, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { makeSphere, toBinaryStl } from '../models/test-meshes.js';
import { modelLimitsForMemory } from '../models/index.js';
import { analyse, uploadWhole } from './files-test-support.js';

const BUDGET_MB = 160;

let app: TestApp;
let customer: TestUser;
let projectId: string;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_ANALYSIS_MEMORY_MB: String(BUDGET_MB) });
  await app.startJobs();
  ({ customer, projectId } = await customerWithProject(app, { email: 'bea@customer.test', project: { title: 'Budget' } }));
}, 60_000);
afterAll(async () => app?.dispose());

describe('model analysis within the memory budget the operator sets', () => {
  it('offers no upload larger than a model the budget allows could be', async () => {
    const options = await app.http.inject({ method: 'OPTIONS', url: `/api/projects/${projectId}/uploads` });
    expect(options.headers['tus-max-size']).toBe(String(modelLimitsForMemory(BUDGET_MB).maxInputBytes));
  });

  it('rejects a model over the triangle limit the budget allows, with the reason, and goes on serving and analysing', async () => {
    const { maxTriangles } = modelLimitsForMemory(BUDGET_MB);
    const header = Buffer.alloc(84 + 50);
    header[0] = 0xff;
    header.writeUInt32LE(maxTriangles + 1, 80);
    const id = await uploadWhole(app, customer, projectId, 'huge.stl', header);
    const result = await analyse(app, id);
    expect(result.status).toBe('rejected');
    expect(result.rejection_reason).toContain(`more than ${maxTriangles.toLocaleString('en-US')} triangles`);

    expect((await app.http.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const sphere = toBinaryStl(makeSphere([0, 0, 0], 5, 20, 40));
    const next = await uploadWhole(app, customer, projectId, 'sphere.stl', sphere);
    expect((await analyse(app, next)).status).toBe('analysed');
  }, 60_000);
});
