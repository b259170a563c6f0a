import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { PolicyValues, TManifest } from '../privacy/index.js';
import { marketingOffer } from './marketing-offer.js';
import type { MarketingDeps } from './marketing.deps.js';
import { marketingErrors } from './marketing.errors.js';
import type { TPostalAddress, TSetPreferences } from './marketing.schema.js';
import * as store from './postal-address.store.js';
import type { MarketingTables } from './marketing.tables.js';

const tables = (work: Work) => tablesOf<MarketingTables>(work);

/** Whether the policy asks a postal address of people opting in by post: it offers post and declares the category. */
export function asksPostalAddress(manifest: TManifest, values: Pick<PolicyValues, 'isDeclared'>): boolean {
  return values.isDeclared('contact.postal_address') && marketingOffer(manifest).some((p) => p.channels.includes('post'));
}

export async function postalAddressOf(work: Work, userId: string): Promise<TPostalAddress | null> {
  const row = await store.findPostalAddress(tables(work), userId);
  return row ? { line1: row.line1 ?? '', line2: row.line2, postalCode: row.postal_code ?? '', city: row.city ?? '', region: row.region, country: row.country ?? '' } : null;
}

/**
 * Before the choices are recorded: a postal address given is stored (audited), refused where the
 * policy does not ask one; opting in by post needs one, given now or before.
 */
export async function savePostalAddress(deps: MarketingDeps, work: Work, userId: string, input: Pick<TSetPreferences, 'choices' | 'postalAddress'>) {
  const { manifest, values } = await deps.policy.inWork(work);
  const asks = asksPostalAddress(manifest, values);
  if (input.postalAddress !== undefined && !asks) throw marketingErrors.postalAddressNotAsked();
  if (input.postalAddress) {
    const a = input.postalAddress;
    await store.upsertPostalAddress(tables(work), { user_id: userId, line1: a.line1, line2: a.line2 ?? null, postal_code: a.postalCode, city: a.city, region: a.region ?? null, country: a.country, updated_at: deps.now() });
    await work.audit({ action: 'marketing.postal_address_saved', subjectId: userId, target: { type: 'marketing_postal_address', id: userId } });
    return;
  }
  const optsInByPost = input.choices.some((c) => c.channel === 'post' && c.optedIn);
  if (asks && optsInByPost && !(await store.findPostalAddress(tables(work), userId))) throw marketingErrors.postalAddressNeeded();
}

/** After the choices are recorded: someone opted in by post to nothing keeps no postal address here. */
export async function dropUnusedPostalAddress(work: Work, userId: string, optedInByPost: boolean) {
  if (optedInByPost) return;
  if (await store.deletePostalAddress(tables(work), userId)) {
    await work.audit({ action: 'marketing.postal_address_removed', subjectId: userId, target: { type: 'marketing_postal_address', id: userId } });
  }
}
