/**
 * The fixed taxonomy of personal-data categories (dotted names in the spirit of fideslang).
 * A manifest may only declare categories from this list, so every module's registry, the export,
 * erasure and retention jobs, and the rendered policy all speak the same vocabulary.
 * Changing a label here changes every rendered policy; adding an entry is backwards compatible.
 */
export interface TaxonomyEntry {
  readonly label: string;
  readonly description: string;
  /** Special category (GDPR art. 9, e.g. biometric): needs explicit consent and extra care. */
  readonly special: boolean;
  /**
   * An operating record: what any installation keeps to run accounts safely (the account's key, its
   * sign-in sessions, the audit trail, consent records…). A manifest need not declare it; the published
   * policy lists every operating record the manifest leaves out, so nothing is kept unannounced.
   */
  readonly operating?: true;
}

export const TAXONOMY = {
  'account.id': { label: 'Account identifier', description: 'The internal number or code that identifies your account.', special: false, operating: true },
  'account.username': { label: 'Username', description: 'The name you sign in with.', special: false },
  'account.company': { label: 'Company name', description: 'The organisation you work for or buy on behalf of.', special: false },
  'account.job_title': { label: 'Job title', description: 'Your role or position in your organisation.', special: false },
  'contact.name': { label: 'Name', description: 'Your first and last name.', special: false },
  'contact.email': { label: 'E-mail address', description: 'The e-mail address we use to reach you.', special: false },
  'contact.phone': { label: 'Phone number', description: 'A telephone number we can call or text.', special: false },
  'contact.postal_address': { label: 'Postal or business address', description: 'A street address where you or your business can be reached.', special: false },
  'credentials.password': { label: 'Password', description: 'Your password, stored only as a one-way hash.', special: false },
  'credentials.session': { label: 'Sign-in sessions', description: 'Records that keep you signed in on a device.', special: false, operating: true },
  'credentials.throttle': { label: 'Failed sign-in counts', description: 'How often signing in to an address failed recently, kept under a one-way hash of the address, to stop password guessing.', special: false, operating: true },
  'billing.address': { label: 'Billing address', description: 'The address printed on invoices and used to verify payments.', special: false },
  'billing.payment_instrument': { label: 'Payment instrument reference', description: 'A token and the last four digits of your card or account; never the full number or security code.', special: false },
  'billing.invoice': { label: 'Invoices', description: 'Invoices and financial records of what you bought and paid.', special: false },
  'billing.transaction': { label: 'Transactions', description: 'Payments, refunds and their status.', special: false },
  'order.details': { label: 'Orders', description: 'What you ordered, when, and its status (order history).', special: false },
  'order.shipping': { label: 'Shipping details', description: 'Delivery address, carrier and tracking information for physical orders.', special: false },
  'project.files': { label: 'Project files', description: '3D models and other files you upload for us to work on.', special: false },
  'project.specifications': { label: 'Project specifications', description: 'Requirements, printing parameters, materials and notes about your project.', special: false },
  'project.messages': { label: 'Project messages', description: 'Messages exchanged about a project: questions, progress and delivery updates.', special: false },
  'configuration': { label: 'Product configurations', description: 'Designs, configurations and customisation parameters you create with our configurator.', special: false },
  'scan.body': { label: 'Body scans', description: '3D scans of a person\'s body or face. A scan of a person is biometric data.', special: true },
  'scan.object': { label: 'Object scans', description: '3D scans of objects you make with our scanners or software.', special: false },
  'usage.clickstream': { label: 'Usage data', description: 'Pages visited, features used, actions taken, referring pages and session duration.', special: false },
  'usage.preferences': { label: 'Preferences', description: 'Settings you choose, such as language and display options.', special: false },
  'usage.diagnostics': { label: 'Diagnostic data', description: 'Error reports, performance measurements and logs about how our software runs.', special: false },
  'usage.activity': { label: 'Last activity', description: 'When you last signed in to or used your account.', special: false, operating: true },
  'usage.inferences': { label: 'Inferred interests', description: 'Interests we infer from your activity, used to choose what to show you.', special: false },
  'technical.ip': { label: 'IP address', description: 'The network address your device connects from, and the coarse location derived from it.', special: false },
  'technical.device': { label: 'Device and browser', description: 'Browser type and version, operating system, device type, screen size and language.', special: false },
  'technical.cookie_id': { label: 'Cookie identifiers', description: 'Identifiers stored in cookies or similar technologies on your device.', special: false },
  'technical.software_version': { label: 'Software version', description: 'The version of our software you run, used for update checks.', special: false },
  'communications.support': { label: 'Support messages', description: 'Messages, enquiries and feedback you send us through e-mail, forms or support channels.', special: false },
  'communications.notices': { label: 'Service messages', description: 'Copies of the service e-mails we send you, such as address confirmations, security alerts, project updates and policy-change notices.', special: false, operating: true },
  'communications.marketing': { label: 'Marketing interactions', description: 'Which of our promotional messages you received, opened or clicked.', special: false },
  'communications.preferences': { label: 'Communication choices', description: 'Whether you want promotional e-mail, SMS, calls or post from us.', special: false },
  'integration.crm': { label: 'CRM integration data', description: 'Data exchanged with a customer-relationship system you connect.', special: false },
  'integration.erp': { label: 'ERP integration data', description: 'Data exchanged with an enterprise resource planning system you connect.', special: false },
  'integration.ecommerce': { label: 'E-commerce integration data', description: 'Data exchanged with an online shop platform you connect.', special: false },
  'licence.key': { label: 'Licence key', description: 'The key that identifies your software licence.', special: false },
  'licence.activation': { label: 'Licence activations', description: 'The device or machine identifier where a licence is activated, and when.', special: false },
  'licence.subscription': { label: 'Subscription status', description: 'Your plan, renewal date and whether the subscription is active.', special: false },
  'org.membership': { label: 'Organisation membership', description: 'Which organisation your account belongs to and your role in it.', special: false },
  'audit.trail': { label: 'Audit trail', description: 'A record of who did what to which data, kept to prove our duties are met.', special: false, operating: true },
  'consent.record': { label: 'Consent records', description: 'What you agreed to or refused, when, and the policy version you saw.', special: false, operating: true },
  'age.attestation': { label: 'Age confirmation', description: 'Your confirmation that you meet our minimum age.', special: false, operating: true },
} as const satisfies Record<string, TaxonomyEntry>;

export type CategoryId = keyof typeof TAXONOMY;

export const CATEGORY_IDS = Object.keys(TAXONOMY) as [CategoryId, ...CategoryId[]];

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && Object.hasOwn(TAXONOMY, value);
}

/** Operating records (see TaxonomyEntry.operating), in taxonomy order. */
export const OPERATING_RECORDS: readonly CategoryId[] = CATEGORY_IDS.filter((id) => (TAXONOMY[id] as TaxonomyEntry).operating === true);

export function isOperatingRecord(id: string): boolean {
  return isCategoryId(id) && (TAXONOMY[id] as TaxonomyEntry).operating === true;
}

export function describeCategory(id: CategoryId): TaxonomyEntry {
  return TAXONOMY[id];
}

/** Close taxonomy names for a mistyped one, so the error message can say what was probably meant. */
export function suggestCategories(input: string): CategoryId[] {
  const text = input.toLowerCase();
  const head = text.split('.')[0] ?? '';
  const tail = text.split('.').pop() ?? '';
  return CATEGORY_IDS.filter((id) => id.startsWith(`${head}.`) || (tail.length > 2 && id.endsWith(tail))).slice(0, 6);
}
