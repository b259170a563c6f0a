import type { LightMyRequestResponse } from 'fastify';
import { manifestVariant } from '../privacy/test-manifests.js';

/**
 * The default manifest with the cookies of a website that asks consent: the essential consent
 * cookie, a first-party analytics cookie (13 months, as seeds 000–004 state it), a third-party
 * advertising cookie, and consent-based analytics and advertising purposes.
 */
export function consentManifest(opts: { honoursGpc?: boolean; advertising?: boolean } = {}): string {
  return manifestVariant((doc) => {
    // The default already declares usage data and a consent-based analytics purpose; the cookies are what this adds.
    const analytics = doc.purposes.find((p) => p.id === 'website_analytics');
    if (analytics) analytics.categories = [...new Set([...analytics.categories, 'technical.cookie_id'])];
    const cookies = doc.cookies as unknown as Array<Record<string, unknown>>;
    cookies.push({ name: 'mv_consent', provider: 'Meshvault operator', category: 'essential', lifetime: 'P365D', purpose: 'Remembers your cookie choices.', categories: ['technical.cookie_id'] });
    cookies.push({ name: 'mv_analytics', provider: 'Meshvault operator', category: 'analytics', lifetime: 'P395D', purpose: 'Counts visits to improve the site.', categories: ['technical.cookie_id', 'usage.clickstream'] });
    if (opts.advertising !== false) {
      doc.purposes.push({ id: 'advertising', name: 'Third-party advertising', legal_basis: 'consent', categories: ['technical.cookie_id', 'technical.ip'] });
      cookies.push({ name: '__gads', provider: 'Google (AdSense)', category: 'advertising', lifetime: 'P395D', purpose: 'Lets Google show advertisements.', categories: ['technical.cookie_id', 'technical.ip'] });
      (doc.sale_and_sharing as Record<string, unknown>).shares_for_cross_context_advertising = true;
    }
    (doc.sale_and_sharing as Record<string, unknown>).honours_gpc = opts.honoursGpc ?? true;
  });
}

export type SetCookie = { name: string; value: string; maxAge?: number };

export function setCookies(res: LightMyRequestResponse): SetCookie[] {
  const raw = res.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return lines.map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const [name = '', ...value] = pair.split('=');
    const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
    return { name, value: value.join('='), ...(maxAge ? { maxAge: Number(maxAge.split('=')[1]) } : {}) };
  });
}
