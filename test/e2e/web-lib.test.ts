/** The web app's pure helpers, run in Node: routing, redirects after sign-in, form parsing, and telling a page's missing code from code that threw. */
import { describe, expect, it } from 'vitest';
import { isCodeNotFetched } from '../../web/src/app/lazy-page.js';
import { parseDomains } from '../../web/src/features/admin-organisations/components/create-organisation-form.js';
import { ageConfirmationLabel } from '../../web/src/features/auth/components/age-confirmation-label.js';
import { ApiError } from '../../web/src/lib/api/api-error.js';
import { matchPath, safeReturnPath } from '../../web/src/lib/router.js';

describe('matchPath', () => {
  it('matches literal and parameter segments, ignoring trailing slashes', () => {
    expect(matchPath('/account', '/account')).toEqual({});
    expect(matchPath('/account', '/account/')).toEqual({});
    expect(matchPath('/orgs/:id/members', '/orgs/abc%20d/members')).toEqual({ id: 'abc d' });
  });

  it('refuses other paths, missing parameters and broken escapes', () => {
    expect(matchPath('/account', '/accounts')).toBeNull();
    expect(matchPath('/orgs/:id', '/orgs')).toBeNull();
    expect(matchPath('/orgs/:id', '/orgs/a/b')).toBeNull();
    expect(matchPath('/orgs/:id', '/orgs/%E0%A4%A')).toBeNull();
  });
});

describe('safeReturnPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeReturnPath('/accept-invitation?token=abc', '/')).toBe('/accept-invitation?token=abc');
  });

  it('falls back for anything that could leave the site', () => {
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      expect(safeReturnPath(bad, '/account')).toBe('/account');
    }
  });
});

describe('ageConfirmationLabel', () => {
  it('names the age when the manifest gives one and stays generic otherwise', () => {
    expect(ageConfirmationLabel(18)).toContain('at least 18 years old');
    expect(ageConfirmationLabel(null)).toBe('I confirm I am old enough to use this service under its privacy policy');
  });
});

describe('parseDomains', () => {
  it('splits on commas and spaces, lower-cases, drops a leading @ and duplicates', () => {
    expect(parseDomains(' Example.com, @example.co.uk;example.com\nshop.example.com ')).toEqual(['example.com', 'example.co.uk', 'shop.example.com']);
    expect(parseDomains('  ')).toEqual([]);
  });
});

describe('ApiError', () => {
  it('puts a refusal that names its field under that field, beside the schema’s own messages', () => {
    const refused = new ApiError(422, { code: 'unprocessable', detail: 'To receive our mail by post, give the postal address to send it to.', field: 'postalAddress' });
    expect(refused.fieldErrors).toEqual({ postalAddress: 'To receive our mail by post, give the postal address to send it to.' });
    expect(refused.pathErrors).toEqual({ postalAddress: 'To receive our mail by post, give the postal address to send it to.' });
    const invalid = new ApiError(400, { code: 'bad_request', detail: 'x', errors: [{ path: 'body.postalAddress.city', message: 'too small' }] });
    expect(invalid.fieldErrors).toEqual({ postalAddress: 'Too small' });
    expect(invalid.pathErrors).toEqual({ 'postalAddress.city': 'Too small' });
  });
});

describe('isCodeNotFetched', () => {
  it('knows each browser’s words for a script it could not fetch, and Vite’s for a style sheet', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://shop.example/assets/request-form-page-x1.js',
      'error loading dynamically imported module: https://shop.example/assets/request-form-page-x1.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/request-form-page-x1.css',
    ]) {
      expect(isCodeNotFetched(new TypeError(message))).toBe(true);
    }
  });

  it('leaves code that came and threw, and anything not an error, to be shown as a page that failed', () => {
    expect(isCodeNotFetched(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isCodeNotFetched(new SyntaxError('Unexpected token'))).toBe(false);
    expect(isCodeNotFetched('Failed to fetch dynamically imported module')).toBe(false);
  });
});
