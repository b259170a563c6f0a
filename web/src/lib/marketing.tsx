import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from './api/client.js';
import type { ResponseOf } from './api/types.js';

/** What the policy in force offers to subscribe to: its marketing purposes, their topics and channels. */
export type MarketingOffer = ResponseOf<'/api/marketing/options'>['purposes'];
export type MarketingCell = { purpose: string; topic: string; channel: MarketingOffer[number]['channels'][number] };

export const marketingOptionsQuery = () => queryOptions({ queryKey: ['marketing-options'] as const, queryFn: ({ signal }) => body(apiClient.GET('/api/marketing/options', { signal })) });

export const cellKey = (c: { purpose: string; topic: string; channel: string }) => `${c.purpose}.${c.topic}.${c.channel}`;

export const CHANNEL_LABELS: Record<string, string> = { email: 'E-mail', sms: 'SMS', phone: 'Phone', post: 'Post', in_app: 'In the app' };

/** Every cell the offer has, ticked by default only where the purpose is not opt-in. */
export function defaultTicks(offer: MarketingOffer): Set<string> {
  return new Set(offer.flatMap((p) => (p.optIn ? [] : p.topics.flatMap((t) => p.channels.map((channel) => cellKey({ purpose: p.id, topic: t.id, channel }))))));
}

/** One table per purpose: a row per topic, a box per channel. */
export function MarketingChoices({ offer, ticked, onChange, idPrefix }: { offer: MarketingOffer; ticked: Set<string>; onChange: (next: Set<string>) => void; idPrefix: string }) {
  const toggle = (key: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  return (
    <>
      {offer.map((p) => (
        <div className="table-wrap" key={p.id}>
          <table className="table table-compact">
            <caption>{p.name}</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                {p.channels.map((c) => (
                  <th scope="col" key={c}>
                    {CHANNEL_LABELS[c] ?? c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.topics.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  {p.channels.map((channel) => {
                    const key = cellKey({ purpose: p.id, topic: t.id, channel });
                    const id = `${idPrefix}-${key.replace(/\./g, '-')}`;
                    return (
                      <td key={channel}>
                        <input id={id} type="checkbox" checked={ticked.has(key)} onChange={(e) => toggle(key, e.target.checked)} />
                        <label htmlFor={id} className="visually-hidden">{`${t.name} by ${CHANNEL_LABELS[channel] ?? channel}`}</label>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
