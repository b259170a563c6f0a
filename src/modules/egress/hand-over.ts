import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { hasConsent, hasOptedOut, marketingScope, purposeScope, type ConsentSubject } from '../consent/index.js';
import type { TManifest, TPurpose } from '../privacy/index.js';
import { consentScopesFor, consentVerdict } from './consent-rules.js';
import type { EgressDeps } from './egress.deps.js';
import { egressErrors } from './egress.errors.js';
import * as store from './egress.store.js';
import type { DisclosureKind, EgressTables } from './egress.tables.js';
import { assertMayProcess, type Processing } from './processing-check.js';

/** One field of what is to leave, with the manifest category it belongs to. */
export type HandOverField = {
  category: string;
  value: unknown;
  /** Sent only if the policy allows it for this recipient and purpose; otherwise stripped, not refused. */
  optional?: boolean;
};

export type HandOverInput<F extends Record<string, HandOverField>> = {
  /** The manifest recipient's id; outside the policy only with `legalBasis` and `processing: 'required'`. */
  recipient: string;
  /** The manifest purpose's id; omitted, a purpose of the policy that uses every category handed over. */
  purpose?: string;
  processing: Processing;
  /** Whose data it is (an account id), or null for someone without an account. */
  subjectId: string | null;
  /** An anonymous visitor of the cookie banner (their consent cookie's id), whose consent records count when no account does. */
  visitorId?: string | null;
  data: F;
  /** A disclosure the law requires: its legal basis, in words (needed for a recipient outside the policy). */
  legalBasis?: string;
  kind?: DisclosureKind;
  reference?: string | null;
  /** When it happened, if before now (an officer recording a disclosure made outside the system). */
  disclosedAt?: Date;
  /** A marketing message: the person's consent is their choice for this topic and channel of the purpose. */
  marketing?: { topic: string; channel: string };
  /** The audit entry, when the caller's own name for the change says more than `egress.handed_over` (`outsidePolicy` is added). */
  audit?: { action: string; details?: Record<string, unknown> };
};

export type HandedOver<F extends Record<string, HandOverField>> = {
  /** The disclosure log entry. */
  id: string;
  /** What may leave: the fields the policy allows, values only. */
  data: { [K in keyof F]?: F[K]['value'] };
  /** Optional fields the policy does not allow here, removed. */
  stripped: string[];
  categories: string[];
  purpose: string | null;
  outsidePolicy: boolean;
};

/**
 * THE one way out: every hand-over of personal data to anyone outside the installation (mail
 * provider, payment provider, webhooks and integrations, analytics, officer disclosures) passes
 * here, inside the work that does it. It refuses — throwing, so the work changes nothing — a
 * recipient the manifest does not declare (unless the law requires the disclosure and its basis is
 * given: then it is recorded as outside the policy), a category not declared for that recipient, a
 * purpose not declared or not using the categories, a person whose restriction or opt-out stops
 * this processing, and a consent-based purpose without the person's consent. It strips optional
 * fields the policy does not allow, records the hand-over in the disclosure log (the person sees it
 * on their privacy dashboard) and audits it, and returns what may leave.
 */
export async function handOver<F extends Record<string, HandOverField>>(deps: EgressDeps, work: Work, input: HandOverInput<F>): Promise<HandedOver<F>> {
  const { manifest, values } = await deps.policy.inWork(work);
  const recipient = manifest.recipients.find((r) => r.id === input.recipient) ?? null;
  if (!recipient) {
    if (!input.legalBasis) throw egressErrors.undeclaredRecipient(input.recipient, manifest.recipients.map((r) => r.id));
    if (input.processing !== 'required') throw egressErrors.outsidePolicyNotRequired(input.recipient);
  }

  const fields = Object.entries(input.data);
  const allowed = (category: string) => values.isDeclared(category) && (!recipient || (recipient.categories as string[]).includes(category));
  const required = fields.filter(([, f]) => !f.optional);
  const undeclared = unique(required.map(([, f]) => f.category).filter((c) => !values.isDeclared(c)));
  if (undeclared.length) throw egressErrors.undeclaredCategories(undeclared);
  const notForRecipient = unique(required.map(([, f]) => f.category).filter((c) => !allowed(c)));
  if (recipient && notForRecipient.length) throw egressErrors.categoriesNotForRecipient(recipient.name, notForRecipient);
  const stripped = fields.filter(([, f]) => f.optional && !allowed(f.category)).map(([name]) => name);
  const kept = fields.filter(([name]) => !stripped.includes(name));
  const categories = unique(kept.map(([, f]) => f.category));
  if (categories.length === 0) throw egressErrors.nothingToHandOver();

  const purpose = choosePurpose(manifest, input, categories);
  if (input.subjectId) await assertMayProcess(work, input.subjectId, input.processing);
  // The consent records: a consent-based purpose needs the person's yes to it; a non-essential kind
  // that the policy bases on consent needs it too, and a sale/sharing opt-out stops profiling.
  const subject = { userId: input.subjectId, visitorId: input.visitorId ?? null };
  const known = subject.userId !== null || subject.visitorId !== null;
  if (purpose?.legal_basis === 'consent' && !(known && (await purposeConsented(work, manifest, subject, purpose.id, input)))) throw egressErrors.consentMissing(purpose.id);
  if (input.processing !== 'required' && input.processing !== 'service' && known) {
    const verdict = await consentVerdict(work, manifest, subject, input.processing);
    if (verdict === 'consent_missing') throw egressErrors.kindNeedsConsent(input.processing);
    if (verdict === 'opted_out') throw egressErrors.optedOutOfSaleAndSharing();
  }

  const id = randomUUID();
  const now = deps.now();
  const kind = input.kind ?? (recipient ? 'integration' : 'third_party');
  const outsidePolicy = !recipient;
  await store.insertDisclosure(tablesOf<EgressTables>(work), {
    id,
    subjectId: input.subjectId,
    kind,
    recipient: recipient?.name ?? input.recipient,
    categories,
    legalBasis: input.legalBasis ?? purpose!.legal_basis,
    purpose: purpose?.id ?? null,
    outsidePolicy,
    reference: input.reference ?? null,
    disclosedAt: input.disclosedAt ?? now,
    recordedBy: work.actor.id,
    createdAt: now,
  });
  // Ids and category names only: neither the values nor a free-text recipient name.
  await work.audit({
    action: input.audit?.action ?? 'egress.handed_over',
    subjectId: input.subjectId,
    target: { type: 'disclosure', id },
    details: input.audit ? { ...input.audit.details, outsidePolicy } : { kind, recipient: recipient?.id ?? null, purpose: purpose?.id ?? null, categories, stripped, outsidePolicy },
  });
  const data = Object.fromEntries(kept.map(([name, f]) => [name, f.value])) as HandedOver<F>['data'];
  return { id, data, stripped, categories, purpose: purpose?.id ?? null, outsidePolicy };
}

/**
 * The subject's yes to a consent-based purpose (a marketing message: to its topic and channel). A
 * purpose the banner's cookie category stands for (advertising, analytics: `consentScopesFor` the
 * processing kind) is also consented to by a yes to that category, unless the purpose itself was
 * answered no: an anonymous visitor answers only the banner's categories.
 */
async function purposeConsented(work: Work, manifest: TManifest, subject: ConsentSubject, purposeId: string, input: Pick<HandOverInput<never>, 'marketing' | 'processing'>): Promise<boolean> {
  const scope = input.marketing ? marketingScope(purposeId, input.marketing.topic, input.marketing.channel) : purposeScope(purposeId);
  if (await hasConsent(work, subject, scope)) return true;
  if (input.marketing || input.processing === 'required' || input.processing === 'service' || (await hasOptedOut(work, subject, scope))) return false;
  const standing = consentScopesFor(manifest, input.processing) ?? [];
  if (!standing.includes(scope)) return false;
  for (const other of standing.filter((s) => s.startsWith('cookies:'))) if (await hasConsent(work, subject, other)) return true;
  return false;
}

/**
 * The purpose named, which must exist and use every category; or, unnamed, a purpose that uses them
 * all (one that needs no consent first). None is needed only for a disclosure on a stated legal basis.
 */
function choosePurpose(manifest: TManifest, input: { purpose?: string; legalBasis?: string }, categories: string[]): TPurpose | null {
  const uses = (p: TPurpose) => categories.filter((c) => !(p.categories as string[]).includes(c));
  if (input.purpose !== undefined) {
    const named = manifest.purposes.find((p) => p.id === input.purpose);
    if (!named) throw egressErrors.undeclaredPurpose(input.purpose, manifest.purposes.map((p) => p.id));
    const missing = uses(named);
    if (missing.length) throw egressErrors.categoriesNotInPurpose(named.id, missing);
    return named;
  }
  const covering = manifest.purposes.filter((p) => uses(p).length === 0);
  const chosen = covering.find((p) => p.legal_basis !== 'consent') ?? covering[0] ?? null;
  if (!chosen && !input.legalBasis) throw egressErrors.categoriesNotInPurpose(null, categories);
  return chosen;
}

const unique = (items: string[]) => [...new Set(items)];
