import { RecordTable } from '../../../components/record-table.js';
import { blockedByGpc, optionalCategories, type ConsentState } from '../api/consent-api.js';

type Props = { state: ConsentState; value: Record<string, boolean>; onChange: (next: Record<string, boolean>) => void; idPrefix: string };

/** One checkbox per optional cookie category of the policy in force, with its cookies and their lifetimes. */
export function CategoryChoices({ state, value, onChange, idPrefix }: Props) {
  return (
    <ul className="consent-choices">
      {optionalCategories(state).map((category) => {
        const id = `${idPrefix}-${category.id}`;
        const gpc = blockedByGpc(state, category.id);
        return (
          <li key={category.id}>
            <input id={id} type="checkbox" checked={!gpc && value[category.id] === true} disabled={gpc} onChange={(e) => onChange({ ...value, [category.id]: e.target.checked })} aria-describedby={`${id}-about`} />{' '}
            <label htmlFor={id}>
              <strong>{category.title}</strong>
            </label>
            <p id={`${id}-about`} className="small">
              {category.explanation}
              {gpc ? ' Off: your browser sends a Global Privacy Control signal, which we honour as an opt-out of sale, sharing and targeted advertising.' : null}
            </p>
            <CookieList cookies={category.cookies} caption={`${category.title} we use`} />
          </li>
        );
      })}
    </ul>
  );
}

export function CookieList({ cookies, caption }: { cookies: ConsentState['notice']['categories'][number]['cookies']; caption: string }) {
  return (
    <RecordTable
      caption={caption}
      compact
      rows={cookies}
      rowKey={(c) => c.name}
      columns={[
        { header: 'Cookie', cell: (c) => <code>{c.name}</code>, rowHeader: true },
        { header: 'Provider', cell: (c) => c.provider },
        { header: 'Purpose', cell: (c) => c.purpose },
        { header: 'Lifetime', cell: (c) => c.lifetime },
      ]}
    />
  );
}
