/**
 * The privacy officer's manifest editor in real Chromium against the real server: an invalid
 * manifest shows its problems with their lines, a valid one shows the rendered policy, publishing
 * makes it the policy at /privacy. Screenshots go to test-results/screenshots.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, PROJECT_ROOT, screenshot, SCREENSHOT_DIR, type Browser, signIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OFFICER = { email: 'officer@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const DEFAULT_MANIFEST = readFileSync(join(PROJECT_ROOT, 'manifests', 'default.yaml'), 'utf8');

describe.skipIf(!hasChromium)('privacy manifest editor in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: true });
    app = served.app;
    const address = { port: served.port };
    await app.services.accounts.createUser({ id: null, role: 'operator-cli' }, { ...OFFICER, role: 'privacy_officer' }, { requestId: 'e2e' });
    browser = await openBrowser(`http://127.0.0.1:${address.port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stopJobs(10_000);
    await app?.dispose();
  });

  it('shows problems by line, previews a valid manifest and publishes it to /privacy', async () => {
    const page = browser.page;
    await signIn(page, OFFICER);
    await clickNavLink(page, 'Privacy manifest');
    await page.getByRole('heading', { level: 1, name: 'Privacy manifest' }).waitFor();
    const editor = page.getByLabel('Manifest YAML');

    // An invalid manifest: every problem listed with its line, the lines marked in the gutter.
    const invalid = DEFAULT_MANIFEST.replace('minimum_age: 16', 'minimum_age: 40').replace('language: en\n', 'language: en\ncolour: blue\n');
    await editor.fill(invalid);
    const problems = page.getByRole('list', { name: /problems? in the manifest/ });
    await problems.waitFor();
    const lineOf = (needle: string) => invalid.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    for (const place of [`Line ${lineOf('colour: blue')}, column 1`, `Line ${lineOf('minimum_age: 40')}, column 14`]) {
      await problems.getByRole('listitem').filter({ hasText: place }).first().waitFor();
    }
    const texts = await problems.getByRole('listitem').allInnerTexts();
    expect(texts.join('\n')).toContain('minimum_age must be between 0 and 21');
    expect(texts.join('\n')).toContain('unknown key "colour"');
    expect(await page.locator('.pe-gutter-error').count()).toBe(2);
    await problems.getByRole('button', { name: `Line ${lineOf('minimum_age: 40')}, column 14` }).click();
    const selected = await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('40');
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'privacy-editor-1-problems');

    // A valid manifest with a new processor: the rendered policy in the preview, a significant change.
    const valid = DEFAULT_MANIFEST.replace(
      'recipients:\n',
      'recipients:\n  - id: print_partner\n    name: Printwerk Partner GmbH\n    kind: processor\n    service: Prints large parts for us.\n    categories: [project.files, project.specifications]\n    country: DE\n    transfer_mechanism: not_required\n',
    );
    await editor.fill(valid);
    await page.getByText('The manifest is valid.').waitFor();
    const preview = page.frameLocator('iframe[title="Preview of the privacy policy"]');
    await preview.getByRole('heading', { level: 1, name: 'Privacy policy of Meshvault operator' }).waitFor();
    await preview.getByText('Printwerk Partner GmbH').first().waitFor();
    await page.getByText('shares data with a new recipient: Printwerk Partner GmbH').waitFor();
    await screenshot(page, 'privacy-editor-2-preview');
    // Chromium does not paint an off-screen cross-origin frame until it is scrolled to, so a full-page
    // capture shows it empty; scrolled into view it shows what people see.
    const frameElement = page.locator('iframe[title="Preview of the privacy policy"]');
    await frameElement.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await frameElement.screenshot({ path: join(SCREENSHOT_DIR, 'privacy-editor-2b-preview-frame.png') });

    // Publish (significant: asked twice), then the public policy says it.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Publish and notify everyone' }).click();
    await page.getByText(/Published version 2 \(significant\)/).waitFor();
    await page.getByText('Nothing to publish').waitFor();
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'privacy-editor-3-published');
    await page.getByRole('link', { name: 'Read the policy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy policy of Meshvault operator' }).waitFor();
    await page.getByText(/Version 2/).first().waitFor();
    await page.getByText('Printwerk Partner GmbH').first().waitFor();
    await screenshot(page, 'privacy-editor-4-policy');
    await page.getByRole('link', { name: 'Version history' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { level: 2, name: 'What changed from version 1 to version 2' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Added the recipient "Printwerk Partner GmbH".' }).waitFor();
    await screenshot(page, 'privacy-editor-5-history');
    expect(browser.problems).toEqual([]);
  });
});

