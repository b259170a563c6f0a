import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { mySubscriptionsQuery, plansQuery } from '../api/subscriptions-api.js';
import { SubscribeForm } from '../components/subscribe-form.js';
import { SubscriptionCard } from '../components/subscription-card.js';

/** The customer's subscriptions (`focus`: the one an e-mail linked to, first) and the plans to subscribe to. */
export function SubscriptionsPage({ focus }: { focus?: string }) {
  const subs = useQuery(mySubscriptionsQuery());
  const plans = useQuery(plansQuery());
  const [done, setDone] = useState<string | null>(null);
  const list = [...(subs.data?.subscriptions ?? [])].sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  const running = new Set(list.filter((s) => ['incomplete', 'active', 'past_due'].includes(s.status)).map((s) => s.plan.id));
  const offered = (plans.data ?? []).filter((p) => !running.has(p.id));

  return (
    <Page title="Subscriptions" intro="Your plans, what you paid and what is due. Cancel at any time: the period you paid for runs to its end.">
      <FormAlert message={loadError(subs) ?? loadError(plans)} />
      <StatusMessage>{done}</StatusMessage>
      {subs.isPending ? <Loading label="Loading subscriptions…" /> : null}
      {subs.data && list.length === 0 ? <p className="card muted">You have no subscriptions.</p> : null}
      <div className="stack">
        {list.map((sub) => (
          <SubscriptionCard key={sub.id} sub={sub} paymentOptions={subs.data?.paymentOptions ?? []} onDone={setDone} />
        ))}
      </div>
      {subs.data && offered.length > 0 ? (
        <Section title="Subscribe">
          <SubscribeForm plans={offered} paymentOptions={subs.data.paymentOptions} onDone={setDone} />
        </Section>
      ) : null}
    </Page>
  );
}
