/**
 * The project page draws light previews, never whole models, until asked (issue #11, item 11): in real
 * Chromium, a project with three models (two analysed with previews, one analysed before previews
 * existed) loads without a single /download request; the previews are drawn, the older file shows a
 * placeholder; "Load full model" then fetches that one file whole. The project list's thumbnail comes
 * from a preview too. Screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, uploadWhole } from '../../src/modules/files/files-test-support.js';
import { makeSphere, mergeMeshes, makeBox, toBinaryStl } from '../../src/modules/models/test-meshes.js';
import { createProject, signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const EMAIL = 'petra@example.test';
// 2·200·149 = 59,600 triangles (about 3 MB of STL): its preview holds at most 20,000.
const FULL_TRIANGLES = 2 * 200 * 149;

describe.skipIf(!hasChromium)('model previews in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let customer: TestUser;
  let projectId: string;
  const ids = { dome: '', bracket: '', old: '' };

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    customer = await signedIn(app, 'customer', EMAIL);
    projectId = await createProject(customer, { title: 'Lamp housing' });
    const models = {
      dome: toBinaryStl(makeSphere([0, 0, 30], 30, 150, 200)),
      bracket: toBinaryStl(mergeMeshes(makeBox([-20, -5, 0], [40, 10, 4]), makeBox([-20, -5, 4], [4, 10, 30]))),
      old: toBinaryStl(makeSphere([0, 0, 10], 10, 40, 60)),
    };
    for (const [key, bytes] of Object.entries(models) as Array<[keyof typeof ids, Buffer]>) {
      ids[key] = await uploadWhole(app, customer, projectId, `${key}.stl`, bytes);
      expect((await analyse(app, ids[key])).status).toBe('analysed');
    }
    // As if analysed before previews existed: no preview row (its object is nobody's; leave it).
    await app.db.deleteFrom('file_previews').where('file_id', '=', ids.old).execute();
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('draws previews, fetches no whole model until "Load full model" is pressed, then only that one', { timeout: 180_000 }, async () => {
    const page = browser.page;
    const requests: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/files/')) requests.push(path);
    });
    const downloads = () => requests.filter((path) => path.endsWith('/download'));
    // WebGL contexts made for pictures (the only ones asking to keep their drawing to read it back), and
    // the pictures read from them.
    await page.addInitScript(() => {
      const counts = { contexts: 0, pictures: 0 };
      (window as unknown as { pictureCounts: typeof counts }).pictureCounts = counts;
      const made = new WeakSet<HTMLCanvasElement>();
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the canvas as this
      const getContext = HTMLCanvasElement.prototype.getContext as (this: HTMLCanvasElement, type: string, attributes?: WebGLContextAttributes) => RenderingContext | null;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, attributes?: WebGLContextAttributes) {
        const context = getContext.call(this, type, attributes);
        if (context && type.startsWith('webgl') && attributes?.preserveDrawingBuffer && !made.has(this)) {
          made.add(this);
          counts.contexts++;
        }
        return context;
      } as typeof HTMLCanvasElement.prototype.getContext;
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the canvas as this
      const toDataURL = HTMLCanvasElement.prototype.toDataURL;
      HTMLCanvasElement.prototype.toDataURL = function (this: HTMLCanvasElement, ...args: Parameters<typeof toDataURL>) {
        if (made.has(this)) counts.pictures++;
        return toDataURL.apply(this, args);
      };
    });

    await signIn(page, { email: EMAIL, password: TEST_PASSWORD });
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { level: 1, name: 'Lamp housing' }).waitFor();

    const dome = card(page, 'dome.stl');
    const bracket = card(page, 'bracket.stl');
    const old = card(page, 'old.stl');
    await dome.locator('.viewer-stage[data-state="ready"]').waitFor({ timeout: 60_000 });
    await bracket.locator('.viewer-stage[data-state="ready"][data-triangles="24"]').waitFor({ timeout: 60_000 });
    const previewTriangles = Number(await dome.locator('.viewer-stage').getAttribute('data-triangles'));
    expect(previewTriangles).toBeGreaterThan(1000);
    expect(previewTriangles).toBeLessThanOrEqual(20_000);
    await dome.getByRole('img', { name: '3D view of dome.stl' }).waitFor();
    await dome.getByText('Simplified preview.').waitFor();
    // The older file: a placeholder, no picture, and still the choice of the full model.
    await old.getByText('No preview of this file yet.', { exact: false }).waitFor();
    expect(await old.locator('canvas').count()).toBe(0);
    await old.getByRole('button', { name: 'Load full model' }).waitFor();
    await screenshot(page, 'previews-01-project-page');

    expect(downloads()).toEqual([]);
    expect(requests).toEqual(expect.arrayContaining([`/api/files/${ids.dome}/preview`, `/api/files/${ids.bracket}/preview`]));
    expect(requests).not.toContain(`/api/files/${ids.old}/preview`);

    // Asked for: the dome's whole file, and nothing else.
    await dome.getByRole('button', { name: 'Load full model' }).click();
    await dome.locator(`.viewer-stage[data-state="ready"][data-triangles="${FULL_TRIANGLES}"]`).waitFor({ timeout: 60_000 });
    expect(downloads()).toEqual([`/api/files/${ids.dome}/download`]);
    expect(await dome.getByText('Simplified preview.').count()).toBe(0);
    await old.getByRole('button', { name: 'Load full model' }).click();
    await old.locator('.viewer-stage[data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(downloads()).toEqual([`/api/files/${ids.dome}/download`, `/api/files/${ids.old}/download`]);
    await screenshot(page, 'previews-02-full-models-loaded');

    // The project list's picture is drawn from a preview as well.
    requests.length = 0;
    await page.evaluate(() => sessionStorage.clear());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('img', { name: 'Model of Lamp housing' }).waitFor({ timeout: 60_000 });
    expect(downloads()).toEqual([]);
    expect(requests.filter((path) => path.endsWith('/preview'))).toHaveLength(1);
    // Since the project page was loaded: its three files' pictures and this one, all drawn by one context
    // (making and giving back one per picture blocked the page for seconds each in software WebGL).
    expect(await page.evaluate(() => (window as unknown as { pictureCounts: object }).pictureCounts)).toEqual({ contexts: 1, pictures: 4 });
    await screenshot(page, 'previews-03-project-list');
    expect(browser.problems).toEqual([]);
  });
});

function card(page: Page, name: string) {
  return page.getByRole('article', { name: new RegExp(name.replace('.', '\\.')) });
}
