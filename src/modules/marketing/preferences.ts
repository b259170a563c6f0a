import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, type Work } from '../../platform/unit-of-work/index.js';
import { decisionHistory, marketingScope, newestDecisions, recordChoices, type ConsentMethod } from '../consent/index.js';
import { consentScopesFor } from '../egress/index.js';
import type { TManifest } from '../privacy/index.js';
import { findOffered, marketingOffer } from './marketing-offer.js';
import type { MarketingDeps } from './marketing.deps.js';
import { marketingErrors } from './marketing.errors.js';
import type { TPostalAddress, TPreferences, TSetPreferences } from './marketing.schema.js';
import { asksPostalAddress, dropUnusedPostalAddress, postalAddressOf, savePostalAddress } from './postal-address.js';

/** What the sign-up form and the preferences page offer under the policy in force. */
export async function marketingOptions(deps: MarketingDeps) {
  const { manifest, values } = await deps.policy.current();
  return { purposes: marketingOffer(manifest), asksPostalAddress: asksPostalAddress(manifest, values) };
}

export async function myMarketingPreferences(deps: MarketingDeps, principal: Principal, ctx: RequestContext): Promise<TPreferences> {
  return deps.uow.run(byPrincipal(principal, ctx), (work) => preferencesOf(deps, work, principal.userId));
}

/** Opts in or out per purpose, topic and channel (and out of interest-based ads): each change a consent record. */
export async function setMyMarketingPreferences(deps: MarketingDeps, principal: Principal, input: TSetPreferences, ctx: RequestContext): Promise<TPreferences> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    // Opting in by post needs the address whatever the source says: `source` only labels the consent
    // record, and a client sending `sign_up` here must not skip what the sign-up form itself asks.
    await savePostalAddress(deps, work, principal.userId, input);
    await writePreferences(deps, work, principal.userId, input, input.source);
    const prefs = await preferencesOf(deps, work, principal.userId);
    await dropUnusedPostalAddress(work, principal.userId, prefs.choices.some((c) => c.channel === 'post' && c.optedIn));
    return { ...prefs, postalAddress: await postalAddressOf(work, principal.userId) };
  });
}

/** Writes choices for a person (their own, or by their organisation admin), refusing anything the policy does not offer. */
export async function writePreferences(deps: MarketingDeps, work: Work, userId: string, input: Pick<TSetPreferences, 'choices' | 'interestBasedAds'>, method: ConsentMethod) {
  const { manifest } = await deps.policy.inWork(work);
  const offer = marketingOffer(manifest);
  for (const c of input.choices) if (!findOffered(offer, c)) throw marketingErrors.notOffered(c);
  const choices = input.choices.map((c) => ({ scope: marketingScope(c.purpose, c.topic, c.channel), give: c.optedIn }));
  if (input.interestBasedAds !== undefined) {
    const ads = adsScopes(manifest);
    if (!ads) throw marketingErrors.noAdsChoice();
    // Opting out withdraws every yes that allows it (the banner's advertising cookies too); opting in says yes to the purpose.
    if (input.interestBasedAds) choices.push(...ads.purposes.map((scope) => ({ scope, give: true })));
    else choices.push(...ads.all.map((scope) => ({ scope, give: false })));
  }
  await recordChoices(deps, work, { userId, choices, method });
}

/** The consent scopes that allow interest-based advertising under this policy (egress's own rule), or null. */
function adsScopes(manifest: TManifest) {
  const all = consentScopesFor(manifest, 'profiling');
  const purposes = (all ?? []).filter((s) => s.startsWith('purpose:'));
  return all && purposes.length ? { all, purposes } : null;
}

export async function preferencesOf(deps: MarketingDeps, work: Work, userId: string): Promise<TPreferences> {
  const { manifest, values } = await deps.policy.inWork(work);
  const offer = marketingOffer(manifest);
  const cells = offer.flatMap((p) => p.topics.flatMap((t) => p.channels.map((channel) => ({ purpose: p, topic: t.id, channel }))));
  const newest = new Map((await newestDecisions(work, userId, cells.map((c) => marketingScope(c.purpose.id, c.topic, c.channel)))).map((r) => [r.scope, r]));
  const choices = cells.map((c) => {
    const record = newest.get(marketingScope(c.purpose.id, c.topic, c.channel));
    const optedIn = record ? record.decision === 'given' : !c.purpose.optIn;
    return { purpose: c.purpose.id, topic: c.topic, channel: c.channel, optedIn, decidedAt: record?.decided_at ?? null, method: record?.method ?? null };
  });
  const ads = adsScopes(manifest);
  const interestBasedAds = ads ? await deps.egress.isProcessingAllowed(work, userId, 'profiling') : null;
  const history = (await decisionHistory(work, userId, 500))
    .filter((r) => r.scope.startsWith('marketing:') || (ads?.all.includes(r.scope) ?? false))
    .map((r) => ({ scope: r.scope, decision: r.decision, method: r.method, policyVersion: r.policy_version, decidedAt: r.decided_at }));
  return { purposes: offer, choices, asksPostalAddress: asksPostalAddress(manifest, values), postalAddress: await postalAddressOf(work, userId), interestBasedAds, history };
}

/**
 * The sign-up form's ticks, in the sign-up's work (the app hands this to accounts' onSignedUp): each
 * box ticked is a yes; under a purpose that is not opt-in, a box left unticked is a no.
 */
export function createSignUpTicksRecorder(deps: MarketingDeps) {
  return async (work: Work, user: { id: string } & SignUpTicks) => {
    const ticked = user.marketing ?? [];
    const offer = marketingOffer((await deps.policy.inWork(work)).manifest);
    const key = (c: { purpose: string; topic: string; channel: string }) => `${c.purpose}.${c.topic}.${c.channel}`;
    const yes = new Set(ticked.map(key));
    const unticked = offer.flatMap((p) => (p.optIn ? [] : p.topics.flatMap((t) => p.channels.map((channel) => ({ purpose: p.id, topic: t.id, channel }))))).filter((c) => !yes.has(key(c)));
    const choices = [...ticked.map((c) => ({ ...c, channel: c.channel as TSetPreferences['choices'][number]['channel'], optedIn: true })), ...unticked.map((c) => ({ ...c, optedIn: false }))];
    if (user.postalAddress) await savePostalAddress(deps, work, user.id, { choices, postalAddress: user.postalAddress });
    if (choices.length > 0) await writePreferences(deps, work, user.id, { choices }, 'sign_up');
  };
}

type SignUpTicks = { marketing?: Array<{ purpose: string; topic: string; channel: string }> | undefined; postalAddress?: TPostalAddress | undefined };

/**
 * Asked first in the sign-up's work (accounts' checkSignUp, also for an address that already has an
 * account, so the answer tells nothing): where the policy asks a postal address of people opting in
 * by post, a post box ticked needs one, and an address goes only with a post box.
 */
export function createSignUpPostalCheck(deps: MarketingDeps) {
  return async (work: Work, input: SignUpTicks) => {
    const { manifest, values } = await deps.policy.inWork(work);
    const asks = asksPostalAddress(manifest, values);
    const byPost = (input.marketing ?? []).some((c) => c.channel === 'post');
    if (input.postalAddress !== undefined && !asks) throw marketingErrors.postalAddressNotAsked();
    if (input.postalAddress !== undefined && !byPost) throw marketingErrors.postalAddressWithoutPost();
    if (asks && byPost && input.postalAddress === undefined) throw marketingErrors.postalAddressNeeded();
  };
}
