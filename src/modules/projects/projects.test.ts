import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { tusCreate } from '../files/files-test-support.js';

let app: TestApp;
let admin: TestUser;
let customer: TestUser;
let staff: TestUser;
let otherStaff: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  admin = await signedIn(app, 'admin', 'admin@operator.test');
  customer = await signedIn(app, 'customer', 'ada@customer.test');
  staff = await signedIn(app, 'staff', 'sam@operator.test');
  otherStaff = await signedIn(app, 'staff', 'olga@operator.test');
  stranger = await signedIn(app, 'customer', 'eve@customer.test');
}, 60_000);
afterAll(async () => app?.dispose());

type Project = { id: string; status: string; material: string; timeline: Array<{ from: string | null; to: string; actorId: string | null }>; nextStatuses: string[]; assignedStaff: Array<{ id: string }> };
type Notification = { id: string; kind: string; title: string; readAt: string | null; projectId: string };

async function assign(projectId: string, staffId: string) {
  const res = await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId });
  expect(res.statusCode, res.body).toBe(200);
}

describe('projects', () => {
  it('creates a project with its specifications, says it was received, and lists it for its customer only', async () => {
    const id = await createProject(customer);
    const res = await customer.c.get(`/api/projects/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const project = res.json<{ project: Project & Record<string, unknown> }>().project;
    expect(project).toMatchObject({ title: 'Gearbox housing', process: 'FDM', material: 'PLA', quantity: 3, units: 'mm', toleranceMm: 0.2, wantedDeliveryDate: '2027-03-31', status: 'received' });
    expect(project.timeline).toEqual([expect.objectContaining({ from: null, to: 'received', actorId: customer.id })]);
    expect(project.nextStatuses).toEqual(['in_review', 'quoted', 'cancelled']);

    const mail = await latestMailTo(app, customer.email);
    expect(mail.message.kind).toBe('projects.status_changed');
    expect(mail.message.body_text).toContain(`/projects/${id}`);

    const mine = (await customer.c.get('/api/projects')).json<{ projects: Array<{ id: string }> }>().projects;
    expect(mine.map((p) => p.id)).toContain(id);
    expect((await stranger.c.get('/api/projects')).json<{ projects: unknown[] }>().projects).toEqual([]);
  });

  it('refuses a material or process the operator does not offer, naming the choices', async () => {
    const res = await customer.c.post('/api/projects', { title: 'x', process: 'FDM', material: 'Unobtainium', quantity: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toContain('PLA');
    expect((await customer.c.post('/api/projects', { title: 'x', process: 'CNC', material: 'PLA', quantity: 1 })).statusCode).toBe(400);
    expect((await staff.c.post('/api/projects', { title: 'x', process: 'FDM', material: 'PLA', quantity: 1 })).statusCode).toBe(403);
  });

  it('moves through its statuses, telling the customer by e-mail and in the app each time, and refuses illegal moves with 409', async () => {
    const id = await createProject(customer, { title: 'Status walk' });
    await assign(id, staff.id);

    expect((await staff.c.post(`/api/projects/${id}/status`, { status: 'in_review' })).statusCode).toBe(200);
    const mail = await latestMailTo(app, customer.email);
    expect(mail.message.subject).toBe('Your project "Status walk" is in review');

    const skip = await staff.c.post(`/api/projects/${id}/status`, { status: 'shipped' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json<{ detail: string }>().detail).toContain('cannot become shipped');
    // Production starts only when the customer accepts a quote.
    expect((await staff.c.post(`/api/projects/${id}/status`, { status: 'in_production' })).statusCode).toBe(409);
    // Customers may cancel, not move their project along.
    expect((await customer.c.post(`/api/projects/${id}/status`, { status: 'in_review' })).statusCode).toBe(403);

    const promise = await staff.c.put(`/api/projects/${id}/promised-delivery`, { date: '2027-04-15' });
    expect(promise.statusCode, promise.body).toBe(200);
    expect((await latestMailTo(app, customer.email)).message.kind).toBe('projects.delivery_date_changed');
    expect((await latestMailTo(app, customer.email)).message.body_text).toContain('2027-04-15');

    expect((await customer.c.post(`/api/projects/${id}/status`, { status: 'cancelled', note: 'Changed my mind' })).statusCode).toBe(200);
    const project = (await customer.c.get(`/api/projects/${id}`)).json<{ project: Project & { completedAt: string | null } }>().project;
    expect(project.status).toBe('cancelled');
    expect(project.completedAt).not.toBeNull();
    expect(project.timeline.map((t) => t.to)).toEqual(['received', 'in_review', 'cancelled']);
    expect(project.nextStatuses).toEqual([]);
    expect((await staff.c.post(`/api/projects/${id}/status`, { status: 'in_review' })).statusCode).toBe(409);

    const list = (await customer.c.get('/api/notifications?unread=true')).json<{ unread: number; notifications: Notification[] }>();
    const mine = list.notifications.filter((n) => n.projectId === id);
    expect(mine.map((n) => n.kind)).toEqual(['projects.status_changed', 'projects.delivery_date_changed', 'projects.status_changed', 'projects.status_changed']);
    const first = mine[0]!;
    expect((await customer.c.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(200);
    // Someone else's notification is not found, not marked.
    expect((await stranger.c.post(`/api/notifications/${mine[1]!.id}/read`)).statusCode).toBe(404);
    const after = (await customer.c.get('/api/notifications')).json<{ unread: number; notifications: Notification[] }>();
    expect(after.unread).toBe(list.unread - 1);
    expect(after.notifications.find((n) => n.id === first.id)?.readAt).not.toBeNull();
    expect((await customer.c.post('/api/notifications/read-all')).json<{ marked: number }>().marked).toBe(after.unread);

    const changes = await auditEntries(app, 'projects.status_changed', id);
    expect(changes.map((e) => e.details)).toEqual([{ from: 'received', to: 'in_review' }, { from: 'in_review', to: 'cancelled' }]);
  });

  it('hides a project, its files and its messages from staff not assigned to it (404), and audits every staff read', async () => {
    const id = await createProject(customer, { title: 'Need to know' });
    for (const url of [`/api/projects/${id}`, `/api/projects/${id}/files`, `/api/projects/${id}/messages`, `/api/projects/${id}/quotes`]) {
      expect((await staff.c.get(url)).statusCode, url).toBe(404);
      expect((await stranger.c.get(url)).statusCode, url).toBe(404);
    }
    expect((await staff.c.post(`/api/projects/${id}/messages`, { body: 'hello' })).statusCode).toBe(404);
    expect((await staff.c.post(`/api/projects/${id}/status`, { status: 'in_review' })).statusCode).toBe(404);
    expect((await staff.c.get('/api/projects')).json<{ projects: Array<{ id: string }> }>().projects.map((p) => p.id)).not.toContain(id);

    await assign(id, staff.id);
    // Only accounts with the staff role can be assigned.
    expect((await admin.c.post(`/api/projects/${id}/assignments`, { staffId: stranger.id })).statusCode).toBe(422);
    expect((await staff.c.post(`/api/projects/${id}/assignments`, { staffId: otherStaff.id })).statusCode).toBe(403);

    const before = (await auditEntries(app, 'projects.read_by_staff', id)).length;
    const read = await staff.c.get(`/api/projects/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ project: Project }>().project.assignedStaff.map((s) => s.id)).toEqual([staff.id]);
    expect((await staff.c.get(`/api/projects/${id}/files`)).statusCode).toBe(200);
    expect((await otherStaff.c.get(`/api/projects/${id}`)).statusCode).toBe(404);
    const reads = (await auditEntries(app, 'projects.read_by_staff', id)).slice(before);
    expect(reads.map((r) => [r.actor_id, r.subject_id, (r.details as { what: string }).what])).toEqual([
      [staff.id, customer.id, 'project'],
      [staff.id, customer.id, 'files'],
    ]);
    // The customer reading their own project is not a staff read.
    await customer.c.get(`/api/projects/${id}`);
    expect((await auditEntries(app, 'projects.read_by_staff', id)).length).toBe(before + 2);

    expect((await admin.c.delete(`/api/projects/${id}/assignments/${staff.id}`)).statusCode).toBe(200);
    expect((await staff.c.get(`/api/projects/${id}`)).statusCode).toBe(404);
  });

  it('documents its routes, the tus endpoints included, in the OpenAPI description', async () => {
    const res = await customer.c.get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/projects', '/api/projects/{id}/status', '/api/projects/{id}/uploads', '/api/uploads/{id}', '/api/files/{id}/download', '/api/projects/{id}/quotes', '/api/quotes/{id}/accept', '/api/notifications']));
  });

  it('tells each viewer what they may do with the project, from the rules it enforces', async () => {
    type Permissions = { viewerRole: string; allowedTransitions: string[]; canSetPromisedDelivery: boolean; canAssignStaff: boolean; canAddFiles: boolean; canPostMessages: boolean };
    const id = await createProject(customer, { title: 'Who may do what' });
    await assign(id, staff.id);
    const seenBy = async (user: TestUser) => (await user.c.get(`/api/projects/${id}`)).json<{ project: Permissions }>().project;
    const fields = (p: Permissions) => ({ viewerRole: p.viewerRole, allowedTransitions: p.allowedTransitions, canSetPromisedDelivery: p.canSetPromisedDelivery, canAssignStaff: p.canAssignStaff, canAddFiles: p.canAddFiles, canPostMessages: p.canPostMessages });

    // Quoted is reached through a quote, never by hand; the customer may only cancel.
    expect(fields(await seenBy(customer))).toEqual({ viewerRole: 'customer', allowedTransitions: ['cancelled'], canSetPromisedDelivery: false, canAssignStaff: false, canAddFiles: true, canPostMessages: true });
    expect(fields(await seenBy(staff))).toEqual({ viewerRole: 'staff', allowedTransitions: ['in_review', 'cancelled'], canSetPromisedDelivery: true, canAssignStaff: false, canAddFiles: true, canPostMessages: true });
    expect(fields(await seenBy(admin))).toEqual({ viewerRole: 'admin', allowedTransitions: ['in_review', 'cancelled'], canSetPromisedDelivery: true, canAssignStaff: true, canAddFiles: true, canPostMessages: true });
    // What a flag says is what the request meets.
    expect((await customer.c.post(`/api/projects/${id}/status`, { status: 'in_review' })).statusCode).toBe(403);
    expect((await customer.c.put(`/api/projects/${id}/promised-delivery`, { date: '2027-04-15' })).statusCode).toBe(403);
    expect((await staff.c.post(`/api/projects/${id}/assignments`, { staffId: otherStaff.id })).statusCode).toBe(403);

    expect((await customer.c.post(`/api/projects/${id}/status`, { status: 'cancelled' })).statusCode).toBe(200);
    for (const user of [customer, staff, admin]) {
      const closed = await seenBy(user);
      expect([closed.allowedTransitions, closed.canSetPromisedDelivery, closed.canAddFiles, closed.canPostMessages]).toEqual([[], false, false, false]);
    }
    expect((await staff.c.put(`/api/projects/${id}/promised-delivery`, { date: '2027-04-15' })).statusCode).toBe(409);
    expect((await customer.c.post(`/api/projects/${id}/messages`, { body: 'One more thing' })).statusCode).toBe(409);
    expect((await tusCreate(app, customer, id, 'late.stl', 1000)).statusCode).toBe(409);

    const listing = async (user: TestUser) => (await user.c.get('/api/projects')).json<{ canCreate: boolean }>().canCreate;
    expect([await listing(customer), await listing(staff), await listing(admin)]).toEqual([true, false, false]);
  });

  it('keeps a message thread between the customer and the assigned staff', async () => {
    const id = await createProject(customer, { title: 'Thread' });
    await assign(id, staff.id);
    expect((await customer.c.post(`/api/projects/${id}/messages`, { body: 'Can you print it hollow?' })).statusCode).toBe(201);
    expect((await staff.c.post(`/api/projects/${id}/messages`, { body: 'Yes, with 2 mm walls.' })).statusCode).toBe(201);
    const mail = await latestMailTo(app, customer.email);
    expect(mail.message.kind).toBe('projects.new_message');
    expect(mail.message.body_text).not.toContain('2 mm walls'); // the e-mail links to the thread, it does not copy it

    const thread = (await customer.c.get(`/api/projects/${id}/messages`)).json<{ messages: Array<{ body: string; authorRole: string; authorName: string }> }>().messages;
    expect(thread.map((m) => [m.authorRole, m.body])).toEqual([
      ['customer', 'Can you print it hollow?'],
      ['staff', 'Yes, with 2 mm walls.'],
    ]);
    expect((await stranger.c.get(`/api/projects/${id}/messages`)).statusCode).toBe(404);
    expect((await customer.c.post(`/api/projects/${id}/messages`, { body: '   ' })).statusCode).toBe(400);
  });
});
