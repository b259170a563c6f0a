import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { analyse, tusCreate, uploadWhole } from '../files/files-test-support.js';
import { makeBox, toBinaryStl } from '../models/test-meshes.js';

let app: TestApp;
let admin: TestUser;
let customer: TestUser;
let staff: TestUser;
let outsider: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  admin = await signedIn(app, 'admin', 'admin@operator.test');
  customer = await signedIn(app, 'customer', 'ada@customer.test');
  staff = await signedIn(app, 'staff', 'sam@operator.test');
  outsider = await signedIn(app, 'staff', 'olga@operator.test');
}, 60_000);
afterAll(async () => app?.dispose());

type Quote = { id: string; status: string; currency: string; amountCents: number; computedCents: number; adjusted: boolean; adjustmentReason: string | null; breakdown: { lines: Array<{ unitCents: number; heightMm: number }>; minimumApplied: boolean } };

async function projectStatus(id: string) {
  return (await customer.c.get(`/api/projects/${id}`)).json<{ project: { status: string } }>().project.status;
}

async function quotes(user: TestUser, projectId: string) {
  const res = await user.c.get(`/api/projects/${projectId}/quotes`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ quotes: Quote[] }>().quotes;
}

describe('quotes', () => {
  it('prices a project instantly from its analysis, lets staff adjust it with a reason, and the customer decline or accept', async () => {
    const projectId = await createProject(customer, { title: 'Bracket', process: 'FDM', material: 'PLA', quantity: 3 });
    expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
    const none = await customer.c.post(`/api/projects/${projectId}/quotes`);
    expect(none.statusCode).toBe(409);
    expect(none.json<{ detail: string }>().detail).toContain('upload one');

    // 20 × 30 × 40 mm below the origin: 24 cm³, 40 mm tall as modelled.
    const fileId = await uploadWhole(app, customer, projectId, 'bracket.stl', toBinaryStl(makeBox([-30, -20, -50], [20, 30, 40])));
    expect((await analyse(app, fileId)).status).toBe('analysed');

    const issued = await customer.c.post(`/api/projects/${projectId}/quotes`);
    expect(issued.statusCode, issued.body).toBe(201);
    const first = issued.json<{ quote: Quote }>().quote;
    // Default FDM/PLA table: material 24 cm³ × 8 c = 192 c; machine (24/15 + 40/30) h × 400 c/h = 1,173.33 c;
    // 1,365 c per part × 3 + 1,500 c setup = 5,595 c (above the 2,500 c minimum).
    expect(first).toMatchObject({ status: 'offered', currency: 'EUR', amountCents: 5595, computedCents: 5595, adjusted: false });
    expect(first.breakdown.lines[0]).toMatchObject({ unitCents: 1365, heightMm: 40 });
    expect(await projectStatus(projectId)).toBe('quoted');
    expect((await latestMailTo(app, customer.email)).message.subject).toBe('Your project "Bracket" is quoted');

    expect((await staff.c.post(`/api/quotes/${first.id}/accept`)).statusCode).toBe(403);
    expect((await customer.c.post(`/api/quotes/${first.id}/decline`)).statusCode).toBe(200);
    expect((await customer.c.post(`/api/quotes/${first.id}/accept`)).statusCode).toBe(409);
    expect(await projectStatus(projectId)).toBe('quoted');

    const again = await staff.c.post(`/api/projects/${projectId}/quotes`);
    expect(again.statusCode, again.body).toBe(201);
    const second = again.json<{ quote: Quote }>().quote;
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('quotes.issued');

    expect((await customer.c.post(`/api/quotes/${second.id}/adjust`, { amountCents: 1, reason: 'I want it cheaper' })).statusCode).toBe(403);
    expect((await outsider.c.post(`/api/quotes/${second.id}/adjust`, { amountCents: 1, reason: 'Not my project' })).statusCode).toBe(404);
    expect((await outsider.c.get(`/api/projects/${projectId}/quotes`)).statusCode).toBe(404);
    expect((await staff.c.post(`/api/quotes/${second.id}/adjust`, { amountCents: 5000 })).statusCode).toBe(400);
    const adjust = await staff.c.post(`/api/quotes/${second.id}/adjust`, { amountCents: 5000, reason: 'Printed together with your last order: shared setup.' });
    expect(adjust.statusCode, adjust.body).toBe(200);
    const mail = await latestMailTo(app, customer.email);
    expect(mail.message.kind).toBe('quotes.adjusted');
    expect(mail.message.body_text).toContain('shared setup');
    expect(mail.message.body_text).toContain('€50.00');

    const seen = await quotes(customer, projectId);
    expect(seen.map((q) => [q.id, q.status, q.amountCents, q.computedCents, q.adjusted, q.adjustmentReason])).toEqual([
      [second.id, 'offered', 5000, 5595, true, 'Printed together with your last order: shared setup.'],
      [first.id, 'declined', 5595, 5595, false, null],
    ]);
    expect((await auditEntries(app, 'quotes.adjusted', second.id)).map((e) => [e.actor_id, e.subject_id, e.details])).toEqual([
      [staff.id, customer.id, { projectId, fromCents: 5595, toCents: 5000, computedCents: 5595 }],
    ]);

    expect((await customer.c.post(`/api/quotes/${second.id}/accept`)).statusCode).toBe(200);
    expect(await projectStatus(projectId)).toBe('in_production');
    expect((await quotes(customer, projectId))[0]!.status).toBe('accepted');
    expect((await customer.c.post(`/api/quotes/${second.id}/accept`)).statusCode).toBe(409);
    expect((await staff.c.post(`/api/quotes/${second.id}/adjust`, { amountCents: 1, reason: 'Too late now' })).statusCode).toBe(409);
    expect((await customer.c.post(`/api/projects/${projectId}/quotes`)).statusCode).toBe(409);
    expect((await latestMailTo(app, customer.email)).message.subject).toBe('Your project "Bracket" is in production');
  });

  it('tells each viewer what they may do with the quotes, from the rules it enforces', async () => {
    type Flags = { quotes: Array<{ id: string; canAccept: boolean; canDecline: boolean; canAdjust: boolean }>; canRequest: boolean };
    const seenBy = async (user: TestUser, projectId: string) => {
      const res = await user.c.get(`/api/projects/${projectId}/quotes`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Flags>();
      return { canRequest: body.canRequest, quotes: body.quotes.map((q) => [q.canAccept, q.canDecline, q.canAdjust]) };
    };
    const projectId = await createProject(customer, { title: 'Flags', process: 'FDM', material: 'PLA', quantity: 1 });
    expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
    // Nothing to price yet: no button, and the request would be refused.
    expect(await seenBy(customer, projectId)).toEqual({ canRequest: false, quotes: [] });
    const fileId = await uploadWhole(app, customer, projectId, 'flag.stl', toBinaryStl(makeBox([0, 0, 0], [10, 10, 10])));
    expect((await analyse(app, fileId)).status).toBe('analysed');
    expect(await seenBy(customer, projectId)).toEqual({ canRequest: true, quotes: [] });

    const issued = await customer.c.post(`/api/projects/${projectId}/quotes`);
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json<{ quote: { canAccept: boolean; canAdjust: boolean } }>().quote).toMatchObject({ canAccept: true, canAdjust: false });
    // Only the customer answers an open quote; only the staff on the project change its price.
    expect(await seenBy(customer, projectId)).toEqual({ canRequest: true, quotes: [[true, true, false]] });
    expect(await seenBy(staff, projectId)).toEqual({ canRequest: true, quotes: [[false, false, true]] });
    expect(await seenBy(admin, projectId)).toEqual({ canRequest: true, quotes: [[false, false, true]] });

    const quoteId = issued.json<{ quote: { id: string } }>().quote.id;
    expect((await customer.c.post(`/api/quotes/${quoteId}/accept`)).statusCode).toBe(200);
    // In production: nothing more to decide, adjust or ask for.
    expect(await seenBy(customer, projectId)).toEqual({ canRequest: false, quotes: [[false, false, false]] });
    expect(await seenBy(staff, projectId)).toEqual({ canRequest: false, quotes: [[false, false, false]] });

    // Files are taken until the parts leave the workshop, as the project says.
    const canAddFiles = async () => (await customer.c.get(`/api/projects/${projectId}`)).json<{ project: { canAddFiles: boolean } }>().project.canAddFiles;
    expect(await canAddFiles()).toBe(true);
    expect((await staff.c.post(`/api/projects/${projectId}/status`, { status: 'shipped' })).statusCode).toBe(200);
    expect(await canAddFiles()).toBe(false);
    expect((await tusCreate(app, customer, projectId, 'late.stl', 1000)).statusCode).toBe(409);
  });

  it('refuses to quote a part that fits no machine of the chosen process', async () => {
    const projectId = await createProject(customer, { title: 'Too tall', process: 'SLA', material: 'Standard resin', quantity: 1 });
    const fileId = await uploadWhole(app, customer, projectId, 'tower.stl', toBinaryStl(makeBox([0, 0, 0], [150, 150, 300])));
    expect((await analyse(app, fileId)).status).toBe('analysed');
    const res = await customer.c.post(`/api/projects/${projectId}/quotes`);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ detail: string }>().detail).toContain('tower.stl does not fit the build volume of our SLA machines');
    expect(await projectStatus(projectId)).toBe('received');
  });
});
