import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { RecordTable } from '../../../components/record-table.js';
import { useAuth } from '../../../lib/auth.js';
import { messageOf } from '../../../lib/form.js';
import { formatDateTime } from '../../../lib/format.js';
import { allCategories, chooseConsent, choiceOf, consentQuery, type ConsentState } from '../api/consent-api.js';
import { CategoryChoices, CookieList } from '../components/category-choices.js';

/** Cookie settings: see every cookie, change or withdraw a choice at any time, as easily as it was given. */
export function CookieSettingsPage() {
  const { data } = useQuery(consentQuery());
  return (
    <Page title="Cookie settings" intro="Which cookies this site may set on your device, and what you have agreed to. Change or withdraw your choice at any time.">
      {data ? <Settings key={data.notice.noticeHash} state={data} /> : <Loading />}
    </Page>
  );
}

function Settings({ state }: { state: ConsentState }) {
  const queryClient = useQueryClient();
  const { state: auth } = useAuth();
  const signedIn = auth.status === 'signed-in';
  const [categories, setCategories] = useState<Record<string, boolean>>(() => ({ ...state.categories }));
  const [purposes, setPurposes] = useState<Record<string, boolean>>(() => ({ ...state.purposes }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const essential = state.notice.categories.find((c) => c.required);

  async function save(nextCategories: Record<string, boolean>, nextPurposes: Record<string, boolean> | undefined, message: string) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const next = await chooseConsent(choiceOf(state, 'settings', nextCategories, signedIn ? nextPurposes : undefined));
      queryClient.setQueryData(consentQuery().queryKey, next);
      setCategories({ ...next.categories });
      setPurposes({ ...next.purposes });
      setSaved(message);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const withdrawAll = () => save(allCategories(state, false), Object.fromEntries(Object.keys(state.purposes).map((id) => [id, false])), 'Your consent is withdrawn. Optional cookies were removed.');
  return (
    <>
      <p className="small">
        Privacy policy version {state.notice.policyVersion}. {state.gpc ? 'Your Global Privacy Control signal is recorded as an opt-out of sale, sharing and targeted advertising.' : null}
      </p>
      {essential ? (
        <Section title={essential.title} description={`${essential.explanation} Always on.`}>
          <CookieList cookies={essential.cookies} caption="Essential cookies we use" />
        </Section>
      ) : null}
      {state.notice.categories.some((c) => !c.required) ? (
        <Section title="Optional cookies" description="Set only with your permission.">
          <CategoryChoices state={state} value={categories} onChange={setCategories} idPrefix="settings" />
        </Section>
      ) : (
        <p>This site uses no optional cookies, so there is nothing to choose.</p>
      )}
      {signedIn && state.notice.purposes.length > 0 ? (
        <Section title="Uses of your data that need your consent">
          <ul className="consent-choices">
            {state.notice.purposes.map((p) => (
              <li key={p.id}>
                <input id={`purpose-${p.id}`} type="checkbox" checked={purposes[p.id] === true} onChange={(e) => setPurposes({ ...purposes, [p.id]: e.target.checked })} />{' '}
                <label htmlFor={`purpose-${p.id}`}>
                  <strong>{p.name}</strong>
                </label>
                {p.description ? <p className="small">{p.description}</p> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <FormAlert message={error} />
      <StatusMessage>{saved}</StatusMessage>
      <div className="button-row">
        <Button busy={busy} busyLabel="Saving…" onClick={() => void save(categories, purposes, 'Your choices are saved.')}>
          Save choices
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => void withdrawAll()}>
          Withdraw all consent
        </Button>
      </div>
      {state.history.length > 0 ? (
        <Section title="Your recorded choices">
          <RecordTable
            caption="Your recorded choices, newest first"
            compact
            rows={state.history}
            rowKey={(r) => r.id}
            columns={[
              { header: 'When', cell: (r) => formatDateTime(r.decidedAt) },
              { header: 'About', cell: (r) => r.scope },
              { header: 'Decision', cell: (r) => r.decision },
              { header: 'How', cell: (r) => r.method },
              { header: 'Policy version', cell: (r) => r.policyVersion },
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
