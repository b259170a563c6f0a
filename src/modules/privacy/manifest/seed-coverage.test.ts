import { describe, expect, it } from 'vitest';
import { renderPolicy } from './render-policy.js';
import { loadExampleManifest } from './test-support.js';

/**
 * Each seed policy's commitments, written down by reading the operator's original policy text,
 * checked against the policy rendered from the seed's manifest. A row is a table row or list item
 * that must state all its facts together (e.g. the data, the period and the starting event).
 */
interface SeedCommitments {
  readonly file: string;
  readonly contact: string[];
  readonly collected: string[];
  readonly purposes: string[];
  readonly sharing: string[];
  readonly rows: string[][];
  readonly minimumAge?: number;
  readonly rights: string[];
  readonly deadline?: string;
  readonly statements: string[];
}

const SEEDS: SeedCommitments[] = [
  {
    file: '000-configurator.yaml',
    contact: ['https://www.configurator.tech'],
    collected: ['Name', 'E-mail address', 'Phone number', 'Company name', 'Job title', 'Username', 'Password', 'Billing address', 'Transactions', 'Product configurations', 'Project files', 'Usage data', 'IP address', 'Device and browser', 'Support messages', 'ERP integration data', 'CRM integration data', 'E-commerce integration data'],
    purposes: ['Service delivery', 'Account management', 'Billing and payments', 'Analytics and improvement', 'Service communications', 'Marketing communications', 'Security', 'Legal compliance'],
    sharing: ['Hosting provider', 'Analytics service', 'Customer support tool', 'Payment processors', 'ERP, CRM and e-commerce platforms you connect', 'Courts and authorities'],
    rows: [
      ['Marketing communications', 'your consent'],
      ['Service delivery', 'to perform our contract with you'],
      ['Legal compliance', 'a legal obligation'],
      ['Analytics and improvement', 'our legitimate interests'],
      ['Payment processors', 'Billing address'],
      ['Product configurations', 'after your account is closed'],
      ['mv_session', 'User authentication and session management'],
    ],
    minimumAge: 18,
    rights: ['Access:', 'Correction:', 'Deletion:', 'Portability:', 'Restriction:', 'Opt out of marketing:'],
    statements: ['We do not sell your personal data.', 'Essential cookies', 'Analytics cookies', 'Functional cookies', 'United States', 'Changes take effect when they are published.'],
  },
  {
    file: '001-scanning-printing.yaml',
    contact: ['privacy@artec-group.com', 'Artec Europe S.à r.l.'],
    collected: ['Name', 'Postal or business address', 'E-mail address', 'Phone number', 'Billing address', 'Payment instrument reference', 'Shipping details', 'Object scans', 'Body scans', 'IP address', 'Usage data', 'Cookie identifiers'],
    purposes: ['order verification, shipping confirmation and delivery status e-mails', 'detect and prevent fraud', 'software updates', 'Analyse trends'],
    sharing: ['Artec group companies', 'Payment providers and banks', 'Service providers', 'Google (AdSense)', 'Law enforcement and courts'],
    rows: [
      ['Body scans', 'special-category (biometric) data'],
      ['Process scans of people', 'your consent'],
      ['__gads', 'Google (AdSense)'],
      ['Google (AdSense)', 'United States'],
      ['United States', 'your consent'],
    ],
    minimumAge: 13,
    rights: [],
    statements: ['We do not sell your personal data.', 'We share personal data for cross-context behavioural (interest-based) advertising.', 'Advertising cookies', 'When a change is significant, we also tell you through a notice on our website or e-mail.', 'We are based in Luxembourg.'],
  },
  {
    file: '002-b2b-products.yaml',
    contact: ['https://confitrek.example/privacy/request'],
    collected: ['Diagnostic data', 'Usage data', 'Preferences', 'Project files', 'Project messages', 'Organisation membership', 'Communication choices'],
    purposes: ['Provide our products', 'Improve and develop our products', 'Personalise our products and make recommendations', 'Promotional communications', 'Interest-based advertising', 'Operate our business', 'Meet our legal obligations', 'Let your organisation administer your account'],
    sharing: ['CT affiliates and subsidiaries', 'Vendors working on our behalf', 'Your organisation', 'Courts and authorities'],
    rows: [['Promotional communications', 'e-mail, SMS, phone calls and postal mail']],
    rights: ['Access:', 'Deletion:', 'Opt out of marketing:', 'Opt out of interest-based advertising.', 'Withdraw consent:'],
    statements: [
      'in the privacy dashboard of your account',
      "through your organisation's administrator",
      'with our web form',
      'https://confitrek.example/privacy/opt-out',
      'We share personal data for cross-context behavioural (interest-based) advertising.',
    ],
  },
  {
    file: '003-desktop-software.yaml',
    contact: ['support@crystalme3dpro.com'],
    collected: ['Name', 'E-mail address', 'Billing address', 'Orders', 'Licence key', 'Licence activations', 'Subscription status', 'Software version', 'IP address', 'Device and browser', 'Usage data'],
    purposes: ['Create and manage user accounts', 'Process purchases and subscriptions', 'Deliver and validate software licences', 'Provide customer support', 'Improve our website and software', 'Send important service-related updates', 'does not access or upload your personal files'],
    sharing: ['PayPal', 'Stripe', 'Website hosting provider', 'Website plugins', 'Analytics tools', 'E-commerce platform'],
    rows: [['mv_session', 'Maintains your login session']],
    rights: ['Access:', 'Correction:', 'Deletion:'],
    statements: ['We do not sell your personal data.', 'cancel your subscription at any time', 'Licence validation and signature verification.'],
  },
  {
    file: '004-model-preparation.yaml',
    contact: ['info@stelloloxonpro.com', '+1 (319) 804-8840', '4281 Clark Rd, Sarasota, FL 34233, United States'],
    collected: ['Name', 'E-mail address', 'Phone number', 'Your business address', 'Project files', 'Project specifications and printing requirements', 'Usage data', 'Browser information and system data'],
    purposes: ['Process your 3D models according to your specifications and printing requirements', 'project progress, technical questions, and delivery timelines', 'Send invoices and handle payment processing', 'technical support', 'client feedback', 'Keep records of completed projects'],
    sharing: ['Payment processor', 'Cloud storage provider', 'Courts and authorities'],
    rows: [
      ['Project files', '3 years', 'after the project is completed'],
      ['E-mail address', '2 years', 'after you stop being our client'],
      ['Invoices', '7 years'],
      ['Usage data', '24 months', 'anonymous aggregated statistics'],
      ['Website analytics', 'your consent'],
    ],
    rights: ['Access:', 'Correction:', 'Deletion:', 'Restriction:', 'Opt out of marketing:'],
    deadline: 'within 30 days of receiving your request',
    statements: [
      'we never share your designs',
      'We do not sell your personal data.',
      'We do not share your personal data for cross-context behavioural advertising.',
      'Essential cookies',
      'Functional cookies',
      'Analytics cookies',
      'Encrypted data transmission for all file uploads and communications.',
      'When a change is significant, we also tell you through a notice on our website or e-mail.',
    ],
  },
];

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
}

/** Plain text of the whole policy, and its rows (table rows and list items). */
function readMarkdown(md: string): { text: string; rows: string[] } {
  const plain = md.replace(/\\(.)/g, '$1').replace(/\*\*|`/g, '');
  return { text: plain.replace(/\s+/g, ' '), rows: plain.split('\n').filter((line) => line.startsWith('|') || line.startsWith('- ')) };
}

function readHtml(html: string): { text: string; rows: string[] } {
  const strip = (fragment: string) => decodeEntities(fragment.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
  const body = html.slice(html.indexOf('<body>'));
  return { text: strip(body), rows: [...body.matchAll(/<(tr|li)>([\s\S]*?)<\/\1>/g)].map((m) => strip(m[2] ?? '')) };
}

describe.each(SEEDS)('seed $file', (seed) => {
  const manifest = loadExampleManifest(seed.file);
  const meta = { lastUpdated: '2025-01-15', version: '1' };
  const rendered = {
    md: readMarkdown(renderPolicy(manifest, { ...meta, format: 'md' })),
    html: readHtml(renderPolicy(manifest, { ...meta, format: 'html' })),
  };

  it.each(['md', 'html'] as const)('the %s policy states every commitment of the seed', (format) => {
    const { text, rows } = rendered[format];
    const facts = [...seed.contact, ...seed.collected, ...seed.purposes, ...seed.sharing, ...seed.rights, ...seed.statements];
    if (seed.deadline) facts.push(seed.deadline);
    if (seed.minimumAge !== undefined) facts.push(`not meant for anyone under ${seed.minimumAge}`);
    const missing = facts.filter((fact) => !text.toLowerCase().includes(fact.toLowerCase()));
    expect(missing).toEqual([]);
    for (const row of seed.rows) {
      const together = rows.some((line) => row.every((fact) => line.includes(fact)));
      expect(together, `one row should state: ${row.join(' + ')}`).toBe(true);
    }
  });
});
