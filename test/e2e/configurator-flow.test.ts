/**
 * The product configurator in real Chromium (issue #19, item 1): a customer configures a mug whose
 * rules refuse an XL in red and an engraving on plastic, sees the price and the 3D view change with
 * each choice (the viewer's own `data-look`, and the pixels of its screenshots), saves it, shares a
 * link that a second browser with no account opens read-only, orders it through the orders module, and
 * revokes the link, which then opens nothing. And staff define a product in the product form: an
 * attribute with two options, a rule between options, and a price formula the server refuses by
 * field until it is fixed; published, customers find it. Screenshots go to test-results/screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedMug, putConfiguratorInForce, staffWithModels } from '../../src/modules/configurator/configurator-test-support.js';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('the configurator in Chromium', () => {
  let app: TestApp;
  let port = 0;
  let ada: TestUser;
  let handle = '';
  let staff: TestUser;
  let mug = '';
  const browsers = browserPool(() => `http://127.0.0.1:${port}`);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_TAX_RATE_PERCENT: '20' } });
    app = served.app;
    port = served.port;
    await putConfiguratorInForce(app);
    const models = await staffWithModels(app);
    handle = models.handle;
    staff = models.staff;
    mug = models.mug;
    await publishedMug(models.staff, models.mug, models.handle);
    ada = await signedIn(app, 'customer', 'ada@example.test');
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  it('configures with rules, shows price and 3D changes, saves, shares, orders, and revokes the link', { timeout: 240_000 }, async () => {
    const customer = await browsers.open();
    const a = customer.page;
    await signIn(a, { email: ada.email, password: TEST_PASSWORD });
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Configurator' }).click();
    await heading(a, 'Configurator');
    await a.getByRole('list', { name: 'Products' }).getByRole('link', { name: 'Travel mug' }).click();
    await heading(a, 'Travel mug');
    // Software WebGL on a busy machine: the first draw (and the reflections' room) may take a while.
    await a.locator('.viewer-stage:not([data-state="loading"])').waitFor({ timeout: 90_000 });
    const stage = a.locator('.viewer-stage[data-state="ready"]');
    expect(await a.locator('.viewer-stage').getAttribute('data-state'), await a.locator('.viewer-stage').innerText()).toBe('ready');
    await confirmedPrice(a, '2000');
    expect(await stage.getAttribute('data-look')).toBe('colour=#2f6fb0;metalness=0.05;scale=1;parts=');
    const before = await stage.screenshot();
    await screenshot(a, 'configurator-01-defaults');

    // XL in red breaks a rule: the page says so and will not save; engraving on plastic breaks another.
    await a.getByRole('radio', { name: /^XL/ }).check();
    await a.getByRole('radio', { name: /^Red/ }).check();
    await a.getByText('Size XL is not made in red.').waitFor();
    expect(await a.getByRole('button', { name: 'Save configuration' }).isDisabled()).toBe(true);
    await screenshot(a, 'configurator-02-rule-broken');
    await a.getByRole('radio', { name: /^Blue/ }).check();
    await a.getByLabel(/^Engraving/).fill('Ada');
    await a.getByText('Engraving is only possible on steel.').waitFor();

    // Steel, a loop handle, XL, engraved: (2000 + 1500 + 300 + 3 × 50) × 1.5, confirmed by the server.
    await a.getByRole('radio', { name: /^Steel/ }).check();
    await a.getByRole('radio', { name: /^Loop handle/ }).check();
    await confirmedPrice(a, '5925');
    await a.getByText('€59.25').waitFor();
    await expectLook(stage, `colour=#2f6fb0;metalness=1;scale=1.5;parts=${handle}`);
    const after = await stage.screenshot();
    expect(await differingPixelShare(a, before, after)).toBeGreaterThan(0.02);
    await screenshot(a, 'configurator-03-steel-xl-handle');

    await a.getByLabel('Name of this configuration').fill('Ada’s mug');
    await stage.locator('canvas').evaluate((canvas) => (canvas.dataset.testMark = 'product page'));
    await a.getByRole('button', { name: 'Save configuration' }).click();
    await a.waitForURL(/\/configurations\/[0-9a-f-]{36}$/);
    await heading(a, 'Ada’s mug');
    await a.locator('.viewer-stage[data-state="ready"]').waitFor({ timeout: 90_000 });
    // The next page's view draws with the same renderer and canvas: a WebGL context and its reflections
    // are made once per tab (each new one cost 2.5 s of a frozen page in software WebGL).
    expect(await a.locator('.viewer-stage canvas').getAttribute('data-test-mark')).toBe('product page');

    // A link for someone without an account, opened in a browser of its own.
    await a.getByRole('button', { name: 'Make a share link' }).click();
    const link = await a.getByLabel(/Your new link/).inputValue();
    // The link is on the installation's public address; this test server listens on a port of its own.
    expect(link).toMatch(/\/shared\/configurations\/[\w-]{43}$/);
    const friend = await browsers.open();
    const f = friend.page;
    await f.goto(new URL(link).pathname);
    await heading(f, 'Ada’s mug');
    const sharedStage = f.locator('.viewer-stage[data-state="ready"]');
    await sharedStage.waitFor({ timeout: 90_000 });
    await expectLook(sharedStage, `colour=#2f6fb0;metalness=1;scale=1.5;parts=${handle}`);
    await f.getByText('€59.25').waitFor();
    expect(await f.getByRole('button', { name: /Save|Order/ }).count()).toBe(0);
    await screenshot(f, 'configurator-04-shared-read-only');

    // Ordered through the orders module: two mugs, taxed at 20 %.
    const order = a.getByRole('form', { name: 'Order this configuration' });
    await order.getByLabel('Quantity').fill('2');
    await order.getByLabel('Full name').fill('Ada Lovelace');
    await order.getByLabel('Street and number').fill('12 Marylebone Road');
    await order.getByLabel('Postal code').fill('NW1 5LR');
    await order.getByLabel('City').fill('London');
    await order.getByLabel('Country code').fill('GB');
    await order.getByRole('button', { name: 'Place order' }).click();
    await a.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await a.getByRole('region', { name: 'Pay' }).waitFor();
    await a.getByText(/Travel mug \(Ada’s mug\): Material: Steel/).first().waitFor();
    await a.getByText('€142.20').first().waitFor();
    await screenshot(a, 'configurator-05-ordered');

    // Revoked: the link opens nothing any more, for anyone.
    await a.goBack();
    // The link's opens (the shared page and its models) are recorded for its owner.
    await a.getByRole('list', { name: 'Share links' }).getByText(/opened (once|\d+ times), last /).waitFor();
    await screenshot(a, 'configurator-05b-link-opens');
    await a.getByRole('list', { name: 'Share links' }).getByRole('button', { name: 'Revoke' }).click();
    await a.getByText('Link revoked: it no longer opens.').waitFor();
    await f.reload();
    await f.getByText('This link does not exist or was revoked by whoever shared it.').waitFor();
    await screenshot(f, 'configurator-06-link-revoked');
    expect(customer.problems).toEqual([]);
    expect(friend.problems).toEqual([]);
  });
  it('staff define a product in the form, see refusals by field, fix them, and customers find it', { timeout: 240_000 }, async () => {
    const editor = await browsers.open();
    const s = editor.page;
    await signIn(s, { email: staff.email, password: TEST_PASSWORD });
    await s.goto('/configurator');
    await s.getByRole('link', { name: 'Define a product' }).click();
    await heading(s, 'Define a product');
    await s.getByLabel('Name', { exact: true }).fill('Desk lamp');
    await s.getByLabel('Model file id').fill(mug);

    const colour = s.getByRole('group', { name: 'Attribute 1' });
    await colour.getByLabel('Attribute label').fill('Colour');
    await colour.getByLabel('Attribute key').fill('colour');
    await colour.getByRole('button', { name: 'Add an option to Colour' }).click();
    const options = colour.getByRole('list', { name: 'Options of Colour' }).getByRole('listitem');
    await fillOption(options.nth(0), { label: 'Red', key: 'red', price: '300', colour: '#c8102e' });
    await fillOption(options.nth(1), { label: 'Blue', key: 'blue', price: '0', colour: '#2f6fb0' });
    // Blue first: the first option is the default, and a rule below makes red the exception.
    await colour.getByRole('button', { name: 'Move option Blue of Colour up' }).click();
    expect(await options.nth(0).getByLabel('Option key').inputValue()).toBe('blue');

    await s.getByRole('button', { name: 'Add an attribute' }).click();
    const size = s.getByRole('group', { name: 'Attribute 2' });
    await size.getByLabel('Attribute label').fill('Size');
    await size.getByLabel('Attribute key').fill('size');
    await size.getByLabel('Kind').selectOption('size');
    await size.getByRole('button', { name: 'Add an option to Size' }).click();
    const sizes = size.getByRole('list', { name: 'Options of Size' }).getByRole('listitem');
    await fillOption(sizes.nth(0), { label: 'Small', key: 'small', price: '0', scale: '1' });
    await fillOption(sizes.nth(1), { label: 'Tall', key: 'tall', price: '900', scale: '1.5' });

    await s.getByRole('button', { name: 'Add a rule' }).click();
    const rule = s.getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Rule key').fill('tall_not_red');
    await rule.getByLabel('When: attribute').selectOption({ label: 'Size' });
    await rule.getByLabel('When: option').selectOption({ label: 'Tall' });
    await rule.getByLabel('Then', { exact: true }).selectOption({ label: 'must not be' });
    await rule.getByLabel('Then: attribute').selectOption({ label: 'Colour' });
    await rule.getByLabel('Then: option').selectOption({ label: 'Red' });
    const price = s.getByLabel('Price formula (JsonLogic, cents)');
    await price.fill('{"+": [4000, {"var": "optionsCents"}, {"var": "shipping"}]}');

    // The rule has no message: the server's schema refuses it, and the page says so by the message.
    await s.getByRole('button', { name: 'Create draft' }).click();
    const message = rule.getByLabel('Message when broken');
    await s.locator('[aria-invalid="true"][name="rules.0.message"]').waitFor();
    expect(await fieldErrorOf(message)).toContain('Must not be empty');
    await s.getByText('Please correct the fields marked below.').waitFor();
    await screenshot(s, 'product-form-01-rule-refused');

    // With a message, the server's own check refuses the formula, which reads a name the product lacks.
    await message.fill('A tall lamp is not made in red.');
    await s.getByRole('button', { name: 'Create draft' }).click();
    await s.locator('[aria-invalid="true"][name="price"]').waitFor();
    expect(await fieldErrorOf(price)).toContain('The price formula reads "shipping", which this product does not have.');
    expect(await message.getAttribute('aria-invalid')).toBeNull();
    await screenshot(s, 'product-form-02-formula-refused');

    await price.fill('{"+": [4000, {"var": "optionsCents"}]}');
    await s.getByRole('button', { name: 'Create draft' }).click();
    await s.waitForURL(/\/configurator\/[0-9a-f-]{36}\/edit$/);
    await heading(s, 'Edit Desk lamp');
    // Read back from the server: the rule is a row again, the options in the order given.
    expect(await s.getByRole('group', { name: 'Rule 1' }).getByLabel('Then: option').inputValue()).toBe('red');
    expect(await s.getByRole('list', { name: 'Options of Colour' }).getByRole('listitem').nth(0).getByLabel('Option key').inputValue()).toBe('blue');
    await s.getByRole('button', { name: 'Publish' }).click();
    await s.getByText('Product is now published.').waitFor();
    await screenshot(s, 'product-form-03-published');

    const customer = await browsers.open();
    const c = customer.page;
    await signIn(c, { email: ada.email, password: TEST_PASSWORD });
    await c.goto('/configurator');
    await c.getByRole('list', { name: 'Products' }).getByRole('link', { name: 'Desk lamp' }).click();
    await heading(c, 'Desk lamp');
    await confirmedPrice(c, '4000');
    await c.getByRole('radio', { name: /^Tall/ }).check();
    await c.getByRole('radio', { name: /^Red/ }).check();
    await c.getByText('A tall lamp is not made in red.').waitFor();
    await c.getByRole('radio', { name: /^Small/ }).check();
    await confirmedPrice(c, '4300');
    await screenshot(c, 'product-form-04-customer-configures');
    expect(editor.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });
});

async function fillOption(item: Locator, option: { label: string; key: string; price: string; colour?: string; scale?: string }) {
  await item.getByLabel('Option label').fill(option.label);
  await item.getByLabel('Option key').fill(option.key);
  await item.getByLabel('Price added (cents)').fill(option.price);
  if (option.colour) await item.getByLabel('Colour', { exact: true }).fill(option.colour);
  if (option.scale) await item.getByLabel('Scale', { exact: true }).fill(option.scale);
}

/** The error message a field shows under it (wired by aria-describedby). */
async function fieldErrorOf(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((id) => (id.endsWith('-error') ? (document.getElementById(id)?.textContent ?? '') : '')).join('');
  });
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function confirmedPrice(page: Page, cents: string) {
  await page.locator(`.price-box[data-price-cents="${cents}"][data-confirmed="yes"]`).waitFor();
}

async function expectLook(stage: Locator, look: string) {
  await stage.page().waitForFunction(([el, want]) => (el as HTMLElement).dataset.look === want, [await stage.elementHandle(), look] as const);
}

/** The share of pixels that differ between two PNG screenshots, decoded by the browser in a blank page (no app CSP). */
async function differingPixelShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const scratch = await page.context().newPage();
  try {
    return await differingIn(scratch, a, b);
  } finally {
    await scratch.close();
  }
}

async function differingIn(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const decode = async (base64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [x, y] = [await decode(first), await decode(second)];
      let differing = 0;
      for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) > 24) differing++;
      return differing / (x.length / 4);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
