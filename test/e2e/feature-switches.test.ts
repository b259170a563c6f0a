/**
 * Seed 003 (desktop software) in Chromium: its policy declares no project files, so the app shows no
 * projects anywhere, and opening a project page says why instead of failing. Screenshots go to
 * test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { seedPath } from '../seeds/seed-installation.js';
import { CHROMIUM_PATH, hasChromium, screenshot, browserPool } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('features the policy switches off, in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false, env: { MESHVAULT_MANIFEST: seedPath('003-desktop-software') } });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
  }, 60_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  it('says a project page is not available here, naming what the policy lacks, and links no projects', async () => {
    const { page } = await browsers.open();
    await page.goto('/projects/new');
    await page.getByRole('heading', { level: 1, name: 'Not available here' }).waitFor();
    await page.getByText('does not declare project files (project.files)', { exact: false }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Privacy policy' }).first().waitFor();
    await screenshot(page, 'feature-off-1-projects');
  });
});
