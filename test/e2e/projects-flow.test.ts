/**
 * Projects in real Chromium against the real server and job queue: a customer creates a project and
 * uploads a binary STL through tus (the first PATCH is cut off, so the upload must resume), the
 * analysis and the 3D view appear, an admin assigns staff, the staff member promises a date, issues
 * an instant quote and adjusts it with a reason, and the customer accepts it. Screenshots of each
 * step go to test-results/screenshots.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, SCREENSHOT_DIR, type Browser, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const PASSWORD = 'projects e2e password';
const ADMIN = { email: 'ada@example.test', name: 'Ada Admin', role: 'admin' as const };
const STAFF = { email: 'sam@example.test', name: 'Sam Staff', role: 'staff' as const };
const CUSTOMER = { email: 'cleo@example.test', name: 'Cleo Customer', role: 'customer' as const };
const SUBDIVISIONS = 20;
const TRIANGLES = 6 * SUBDIVISIONS * SUBDIVISIONS * 2;

describe.skipIf(!hasChromium)('projects in Chromium', () => {
  let app: TestApp;
  let dir: string;
  let stlPath: string;
  let customer: Browser;
  let office: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    const address = { port: served.port };
    for (const person of [ADMIN, STAFF, CUSTOMER]) {
      await app.services.accounts.createUser({ id: null, role: 'operator-cli' }, { ...person, password: PASSWORD }, { requestId: 'e2e' });
    }
    dir = mkdtempSync(join(tmpdir(), 'meshvault-e2e-'));
    stlPath = join(dir, 'bracket.stl');
    writeFileSync(stlPath, subdividedCubeStl(20, SUBDIVISIONS));
    [customer, office] = await Promise.all([openBrowser(`http://127.0.0.1:${address.port}`), openBrowser(`http://127.0.0.1:${address.port}`)]);
  });

  afterAll(async () => {
    await Promise.allSettled([customer?.close(), office?.close()]);
    await app?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a project, uploads and analyses a model, shows it in 3D, quotes it and starts production', { timeout: 180_000 }, async () => {
    const a = customer.page;
    const b = office.page;

    // The customer starts a project; the form checks its fields before sending.
    await signIn(a, { email: CUSTOMER.email, password: PASSWORD });
    await heading(a, 'Account settings');
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await heading(a, 'Projects');
    await a.getByText('You have no projects yet.').waitFor();
    await a.getByRole('link', { name: 'New project' }).click();
    await heading(a, 'New project');
    await expectEveryControlLabelled(a);
    await a.getByLabel('Quantity').fill('0');
    await a.getByRole('button', { name: 'Create project' }).click();
    await a.getByText('Give the project a name').waitFor();
    await a.getByText('Enter a whole number of parts from 1 to 100,000.').waitFor();
    // The form moves focus in an effect after the failed submit renders: polled, not read once.
    await expect.poll(() => a.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
    await screenshot(a, 'projects-01-new-project-errors');
    await a.getByLabel('Project name').fill('Gearbox bracket');
    await a.getByLabel('Quantity').fill('4');
    await a.getByLabel('Process').selectOption('SLS');
    await a.getByLabel('Material').selectOption('PA12');
    await a.getByLabel('Colour').fill('Black');
    await a.getByLabel('Finish').fill('Dyed');
    await a.getByLabel('Tolerance (mm)').fill('0.2');
    await a.getByLabel('Wanted delivery date').fill('2031-03-31');
    await a.getByLabel('Notes').fill('Confidential prototype: do not show it to anyone.');
    await a.getByRole('button', { name: 'Create project' }).click();
    await heading(a, 'Gearbox bracket');
    await a.getByText('Project created. Add your 3D models below').waitFor();
    const projectId = new URL(a.url()).pathname.split('/').pop() ?? '';
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);

    // The first PATCH is cut off mid-flight: the client asks for the offset and resumes.
    const patches: string[] = [];
    let heads = 0;
    await a.route('**/api/uploads/*', async (route) => {
      const method = route.request().method();
      if (method === 'HEAD') heads++;
      if (method !== 'PATCH') return route.continue();
      patches.push(route.request().headers()['upload-offset'] ?? '?');
      if (patches.length === 1) return route.abort('connectionreset');
      return route.continue();
    });
    await a.getByLabel('Add 3D models').setInputFiles(stlPath);
    const progress = a.getByRole('progressbar', { name: 'Upload of bracket.stl' });
    await progress.waitFor();
    const stlBytes = 84 + 50 * TRIANGLES;
    await progress.and(a.locator(`[value="${stlBytes}"][max="${stlBytes}"]`)).waitFor();
    await a.getByText(/Uploaded · .* · 100%/).waitFor();
    await a.unroute('**/api/uploads/*');
    expect(patches).toEqual(['0', '0']);
    expect(heads).toBeGreaterThanOrEqual(1);
    await screenshot(a, 'projects-02-uploaded');

    // The analysis job runs now; the page, which refreshes while a file is being analysed, shows the verdict.
    expect(await app.jobs.drain()).toEqual({ completed: { 'files.analyze.v1': 1 }, failed: [] });
    const file = a.getByRole('article', { name: /bracket\.stl/ });
    await file.getByText('Analysed', { exact: true }).waitFor();
    await file.getByText('Watertight: ready to print.').waitFor();
    const analysis = file.getByRole('table', { name: 'Analysis of bracket.stl' });
    expect(await rowValue(analysis, 'Triangles')).toBe(TRIANGLES.toLocaleString('en-GB'));
    expect(await rowValue(analysis, 'Size')).toContain('20 × 20 × 20 mm');
    expect(await rowValue(analysis, 'Bounding box')).toBe('-10 × -10 × -10 mm to 10 × 10 × 10 mm');
    expect(await rowValue(analysis, 'Volume')).toBe('8 cm³');
    expect(await rowValue(analysis, 'Open edges')).toBe('0');
    await file.getByRole('list', { name: 'Build volume fit of bracket.stl' }).getByText('SLS (powder sintering)').waitFor();

    // The 3D view draws the model (WebGL through SwiftShader in headless Chromium).
    const stage = file.locator('.viewer-stage[data-state="ready"]');
    await stage.waitFor({ timeout: 30_000 });
    await file.locator(`.viewer-stage[data-state="ready"][data-triangles="${TRIANGLES}"]`).waitFor({ timeout: 10_000 });
    await file.getByRole('img', { name: '3D view of bracket.stl' }).waitFor();
    await file.getByRole('button', { name: 'Turn left' }).click();
    await file.getByRole('button', { name: 'Reset view' }).click();
    // The customer's own file: Delete asks for a confirmation only.
    await file.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    await expectEveryControlLabelled(a);
    await screenshot(a, 'projects-03-analysed-with-3d-view');
    expect(customer.problems).toEqual([]);

    // An admin assigns the staff member.
    await signIn(b, { email: ADMIN.email, password: PASSWORD });
    await heading(b, 'Account settings');
    await b.goto(`/projects/${projectId}`);
    await heading(b, 'Gearbox bracket');
    const assign = b.getByRole('form', { name: 'Assign staff' });
    await assign.getByLabel('Assign a staff member').selectOption({ label: `${STAFF.name} (${STAFF.email})` });
    await assign.getByRole('button', { name: 'Assign' }).click();
    await b.getByText(`${STAFF.name} now works on this project.`).waitFor();
    await screenshot(b, 'projects-04-admin-assigned-staff');
    // The file is the customer's: the admin may delete it, but only with a reason, which the form asks for.
    const officeFile = b.getByRole('article', { name: /bracket\.stl/ });
    await officeFile.getByRole('button', { name: 'Delete bracket.stl…' }).click();
    const reasonForm = b.getByRole('form', { name: 'Delete bracket.stl' });
    await reasonForm.getByRole('button', { name: 'Delete for good' }).click();
    await reasonForm.getByText('Say why you delete this file.').waitFor();
    await reasonForm.getByRole('button', { name: 'Cancel' }).click();
    await officeFile.getByRole('button', { name: 'Delete bracket.stl…' }).waitFor();
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await heading(b, 'Sign in');

    // The staff member finds it in their list (with its thumbnail), promises a date and quotes it.
    await signIn(b, { email: STAFF.email, password: PASSWORD });
    await heading(b, 'Account settings');
    await b.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await heading(b, 'Projects');
    await b.getByRole('img', { name: 'Model of Gearbox bracket' }).waitFor({ timeout: 30_000 });
    await screenshot(b, 'projects-05-staff-list-with-thumbnail');
    await b.getByRole('link', { name: 'Gearbox bracket' }).click();
    await heading(b, 'Gearbox bracket');
    // Staff may not delete the customer's file: no Delete is offered.
    await b.getByRole('article', { name: /bracket\.stl/ }).getByText('Analysed', { exact: true }).waitFor();
    expect(await b.getByRole('article', { name: /bracket\.stl/ }).getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    const promise = b.getByRole('form', { name: 'Promised delivery date' });
    await promise.getByLabel('Delivery date').fill('2031-03-14');
    await promise.getByRole('button', { name: 'Save date' }).click();
    await b.getByText(/Delivery promised for 14 Mar 2031/).waitFor();
    await b.getByRole('button', { name: 'Get an instant quote' }).click();
    await b.getByText(/^Quote ready: €/).waitFor();
    const adjust = b.getByRole('form', { name: 'Adjust the quote' });
    await adjust.getByLabel('Reason').fill('x');
    await adjust.getByRole('button', { name: 'Save new price' }).click();
    await adjust.getByText('Say why the price changed').waitFor();
    await adjust.getByLabel('New price (EUR)').fill('99.50');
    await adjust.getByLabel('Reason').fill('Dyeing black adds a bath per batch.');
    await adjust.getByRole('button', { name: 'Save new price' }).click();
    await b.getByText('The quote is now €99.50; the customer has been told.').waitFor();
    const thread = b.getByRole('form', { name: 'Write a message' });
    await thread.getByLabel('Your message').fill('We can print this next week.');
    await thread.getByRole('button', { name: 'Send message' }).click();
    await b.getByRole('list', { name: 'Messages' }).getByText('We can print this next week.').waitFor();
    await expectEveryControlLabelled(b);
    await screenshot(b, 'projects-06-staff-quoted-and-adjusted');

    // The customer sees the unread count, the adjusted quote and its reason, and accepts.
    await a.goto(`/projects/${projectId}`);
    await heading(a, 'Gearbox bracket');
    const nav = a.getByRole('navigation', { name: 'Main' });
    // Two unread or more: a count that is not 0 or 1.
    await nav.locator('.nav-count').filter({ hasText: /([2-9]|[1-9]\d+)/ }).waitFor();
    const quote = a.getByRole('region', { name: 'Quote' });
    await quote.getByRole('heading', { name: /€99\.50/ }).waitFor();
    await quote.getByText('Dyeing black adds a bath per batch.').waitFor();
    await a.getByRole('list', { name: 'Messages' }).getByText('We can print this next week.').waitFor();
    await screenshot(a, 'projects-07-customer-sees-quote');
    await quote.getByRole('button', { name: 'Accept quote' }).click();
    await a.getByText('Quote accepted. Your project is now in production.').waitFor();
    await a.locator('.page-intro .status-badge').filter({ hasText: /^In production$/ }).waitFor();
    await a.getByRole('list', { name: 'Progress' }).locator('[aria-current="step"]').getByText('In production').waitFor();
    await screenshot(a, 'projects-08-customer-accepted');

    // Staff move it on; the customer's notifications tell the story.
    await b.reload();
    await heading(b, 'Gearbox bracket');
    const status = b.getByRole('form', { name: 'Change status' });
    await status.getByLabel('New status').selectOption({ label: 'Shipped' });
    await status.getByLabel('Note for the customer').fill('Tracking number 123.');
    await status.getByRole('button', { name: 'Change status' }).click();
    await b.getByText('The project is now shipped; the customer has been told.').waitFor();
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ }).click();
    await heading(a, 'Notifications');
    await a.getByRole('list', { name: 'Notifications' }).getByText(/shipped/i).first().waitFor();
    await screenshot(a, 'projects-09-notifications');
    await a.getByRole('button', { name: 'Mark all as read' }).click();
    await nav.locator('.nav-count').waitFor({ state: 'detached' });

    // The list shows the status and the thumbnail; the project page fits a phone.
    await nav.getByRole('link', { name: 'Projects' }).click();
    await heading(a, 'Projects');
    await a.getByRole('img', { name: 'Model of Gearbox bracket' }).waitFor({ timeout: 30_000 });
    await a.getByRole('listitem').filter({ hasText: 'Gearbox bracket' }).getByText('Shipped').waitFor();
    await screenshot(a, 'projects-10-customer-list');
    await a.setViewportSize({ width: 390, height: 844 });
    await a.goto(`/projects/${projectId}`);
    await heading(a, 'Gearbox bracket');
    await a.locator('.viewer-stage[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(a, 'projects-11-phone-project');
    // The full page is too tall to read at phone width: the status and the model, each on its own.
    await a.getByRole('region', { name: 'Status' }).screenshot({ path: join(SCREENSHOT_DIR, 'projects-12-phone-status.png') });
    await a.getByRole('article', { name: /bracket\.stl/ }).screenshot({ path: join(SCREENSHOT_DIR, 'projects-13-phone-model.png') });

    // Without WebGL the page says so, keeps the analysis, and nothing crashes.
    await customer.context.addInitScript(() => {
      const prototype = HTMLCanvasElement.prototype as unknown as { getContext: (this: HTMLCanvasElement, type: string, options?: unknown) => RenderingContext | null };
      const original = prototype.getContext;
      const withoutWebgl = function (this: HTMLCanvasElement, type: string, options?: unknown) {
        return type.includes('webgl') ? null : original.call(this, type, options);
      };
      prototype.getContext = withoutWebgl;
    });
    await a.setViewportSize({ width: 1280, height: 860 });
    await a.reload();
    await heading(a, 'Gearbox bracket');
    await a.getByText('This browser cannot draw 3D graphics').waitFor();
    await a.getByRole('table', { name: 'Analysis of bracket.stl' }).waitFor();
    expect(await a.locator('canvas').count()).toBe(0);
    await a.getByRole('article', { name: /bracket\.stl/ }).screenshot({ path: join(SCREENSHOT_DIR, 'projects-14-no-webgl.png') });

    expect(customer.problems).toEqual([]);
    expect(office.problems).toEqual([]);
  });
});

/** A closed cube of `size` mm centred on the origin (so coordinates are negative too), each face an n×n grid. */
function subdividedCubeStl(size: number, n: number): Buffer {
  const h = size / 2;
  type V = [number, number, number];
  // Each face: a corner and two edges whose cross product points outwards.
  const faces: [V, V, V][] = [
    [[h, -h, -h], [0, size, 0], [0, 0, size]],
    [[-h, -h, -h], [0, 0, size], [0, size, 0]],
    [[-h, h, -h], [0, 0, size], [size, 0, 0]],
    [[-h, -h, -h], [size, 0, 0], [0, 0, size]],
    [[-h, -h, h], [size, 0, 0], [0, size, 0]],
    [[-h, -h, -h], [0, size, 0], [size, 0, 0]],
  ];
  const count = faces.length * n * n * 2;
  const out = Buffer.alloc(84 + 50 * count);
  out.write('meshvault e2e subdivided cube', 0, 'ascii');
  out.writeUInt32LE(count, 80);
  let at = 84;
  const point = (o: V, u: V, v: V, i: number, j: number): V => [0, 1, 2].map((k) => o[k]! + (u[k]! * i) / n + (v[k]! * j) / n) as V;
  for (const [o, u, v] of faces) {
    const normal: V = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]].map((c) => Math.sign(c)) as V;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const p00 = point(o, u, v, i, j);
        const p10 = point(o, u, v, i + 1, j);
        const p11 = point(o, u, v, i + 1, j + 1);
        const p01 = point(o, u, v, i, j + 1);
        for (const triangle of [
          [p00, p10, p11],
          [p00, p11, p01],
        ]) {
          for (const value of [...normal, ...triangle.flat()]) {
            out.writeFloatLE(value, at);
            at += 4;
          }
          at += 2; // attribute byte count
        }
      }
    }
  }
  return out;
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}


async function rowValue(table: ReturnType<Page['getByRole']>, label: string): Promise<string> {
  return ((await table.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell').first().textContent()) ?? '').trim();
}

/** Every visible form control on the page has an accessible name from a label. */
async function expectEveryControlLabelled(page: Page) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !(el as HTMLInputElement).hidden && (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
      .map((el) => el.getAttribute('name')),
  );
  expect(unlabelled).toEqual([]);
}
