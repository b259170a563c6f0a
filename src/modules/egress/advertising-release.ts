import type { Work } from '../../platform/unit-of-work/index.js';
import type { AdvertisingRelease, ConsentSubject } from '../consent/index.js';
import { consentPurposesOf, type TManifest, type TRecipient } from '../privacy/index.js';
import { isProcessingAllowed } from './consented-processing.js';
import type { EgressDeps } from './egress.deps.js';
import { handOver, type HandOverField } from './hand-over.js';

/**
 * The manifest's advertisers: the recipients that provide its advertising cookies (their scripts
 * set them), each with the consent-based advertising purpose that covers what they receive.
 */
function advertisers(manifest: TManifest): Array<{ recipient: TRecipient; purpose: string; categories: string[] }> {
  const providers = new Set((manifest.cookies ?? []).filter((c) => c.category === 'advertising').map((c) => c.provider));
  const purposes = consentPurposesOf(manifest, 'advertising');
  return manifest.recipients.flatMap((recipient) => {
    if (!providers.has(recipient.name)) return [];
    const purpose = purposes.find((p) => p.categories.some((c) => (recipient.categories as string[]).includes(c)));
    if (!purpose) return [];
    const categories = purpose.categories.filter((c) => (recipient.categories as string[]).includes(c));
    return [{ recipient, purpose: purpose.id, categories }];
  });
}

/**
 * Third-party advertising, through the one way out. The advertiser's script, once the browser loads
 * it, sends the advertiser what its recipient entry names (address, device, cookie id): so the
 * browser asks first, and this decides with THE shared check (`profiling`: the person's restriction
 * and opt-outs, consent to advertising — the banner's category or the purpose, newest answer — and a
 * Global Privacy Control opt-out of targeted advertising or the interest-based ads opt-out), then
 * records each advertiser's disclosure through `handOver` in this work. Only what is returned may be
 * loaded; nothing when refused, or when the policy in force declares no advertiser.
 */
export async function releaseAdvertising(deps: EgressDeps, work: Work, subject: ConsentSubject): Promise<AdvertisingRelease> {
  if (!subject.userId && !subject.visitorId) return { recipients: [] };
  const { manifest } = await deps.policy.inWork(work);
  const found = advertisers(manifest);
  if (found.length === 0 || !(await isProcessingAllowed(deps, work, subject, 'profiling'))) return { recipients: [] };
  const recipients: AdvertisingRelease['recipients'] = [];
  for (const { recipient, purpose, categories } of found) {
    // The values leave from the browser, not from here: the log names the categories, which is all it keeps.
    const data = Object.fromEntries(categories.map((category) => [category, { category, value: null }])) as Record<string, HandOverField>;
    await handOver(deps, work, { recipient: recipient.id, purpose, processing: 'profiling', subjectId: subject.userId, visitorId: subject.visitorId, data, kind: 'third_party' });
    recipients.push({ id: recipient.id, name: recipient.name });
  }
  return { recipients };
}
