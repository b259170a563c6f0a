import { useQuery } from '@tanstack/react-query';
import { Loading, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { planQuery, type RetentionPlan } from '../api/retention-api.js';

/** What the next run would remove, by table, category and rule (the same as `meshvault retention plan`). */
export function PlanSection() {
  const plan = useQuery(planQuery());
  const error = loadError(plan);
  return (
    <Section title="Next retention run" description="What a run now would remove, by category and rule, with counts and the earliest dates. Runs happen daily.">
      {error ? <p role="alert">{error}</p> : null}
      {plan.data ? (
        plan.data.items.length === 0 ? (
          <p className="muted">Nothing has reached the end of its retention period.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Next run">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">Rule</th>
                  <th scope="col">What happens</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Earliest period end</th>
                </tr>
              </thead>
              <tbody>
                {plan.data.items.map((i) => (
                  <tr key={`${i.table}:${i.category}`}>
                    <th scope="row">
                      {i.category} <span className="muted">({i.table})</span>
                    </th>
                    <td>{i.rule}</td>
                    <td>{effectWords(i)}</td>
                    <td>{i.rows}</td>
                    <td>{formatDate(i.earliestEnd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>Total: {plan.data.totalRows} rows.</p>
          </div>
        )
      ) : error ? null : (
        <Loading />
      )}
    </Section>
  );
}

function effectWords(i: RetentionPlan['items'][number]): string {
  const left = i.enforcedBy ? ` (left to the ${i.enforcedBy} module)` : '';
  if (i.effect === 'erase accounts') return `closed accounts erased${left}`;
  if (i.effect === 'blank columns') return `${i.columns.join(', ')} blanked${left}`;
  return `${i.endAction === 'aggregate' ? 'counted, then deleted' : 'deleted'}${i.files ? ', files crypto-shredded' : ''}${left}`;
}
