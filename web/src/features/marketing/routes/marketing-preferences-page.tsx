import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { RecordTable } from '../../../components/record-table.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { messageOf } from '../../../lib/form.js';
import { formatDateTime } from '../../../lib/format.js';
import { cellKey, MarketingChoices } from '../../../lib/marketing.js';
import { preferencesQuery, savePreferences, type Preferences } from '../api/marketing-api.js';
import { usePostalAddress } from './postal-address-section.js';

/** What the person wants to receive, topic by topic and channel by channel; each change is recorded as consent. */
export function MarketingPreferencesPage() {
  const { data } = useQuery(preferencesQuery());
  return (
    <Page title="What you receive from us" intro="Choose each topic on each channel. You can change this at any time; every change is recorded with the privacy policy version in force.">
      {data ? <Choices prefs={data} /> : <Loading />}
    </Page>
  );
}

function Choices({ prefs }: { prefs: Preferences }) {
  const queryClient = useQueryClient();
  const [ticked, setTicked] = useState(() => new Set(prefs.choices.filter((c) => c.optedIn).map(cellKey)));
  const [ads, setAds] = useState(prefs.interestBasedAds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const postal = usePostalAddress(prefs, ticked);

  async function save() {
    setError(null);
    setSaved(null);
    // Only what changed is recorded: an untouched box is no new decision.
    const current = queryClient.getQueryData(preferencesQuery().queryKey) ?? prefs;
    const choices = current.choices.filter((c) => c.optedIn !== ticked.has(cellKey(c))).map((c) => ({ purpose: c.purpose, topic: c.topic, channel: c.channel, optedIn: !c.optedIn }));
    const problems = postal.problems(choices.some((c) => c.channel === 'post' && c.optedIn));
    postal.showErrors(problems);
    if (Object.keys(problems).length > 0) {
      setError('Please correct the fields marked above.');
      return;
    }
    setBusy(true);
    try {
      const adsChanged = ads !== null && ads !== current.interestBasedAds;
      const next = await savePreferences({ choices, ...(adsChanged ? { interestBasedAds: ads } : {}), source: 'account_page', ...postal.input() });
      queryClient.setQueryData(preferencesQuery().queryKey, next);
      setTicked(new Set(next.choices.filter((c) => c.optedIn).map(cellKey)));
      setAds(next.interestBasedAds);
      postal.reset(next);
      setSaved('Your choices are saved.');
    } catch (caught) {
      // The server's refusal of the address (or of one of its lines) goes under the field it concerns.
      const about = isApiError(caught) ? Object.fromEntries(Object.entries(caught.pathErrors).filter(([path]) => path.startsWith('postalAddress'))) : {};
      postal.showErrors(about);
      setError(Object.keys(about).length > 0 && postal.section ? 'Please correct the fields marked above.' : messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {prefs.purposes.length > 0 ? (
        <Section title="Messages">
          <MarketingChoices offer={prefs.purposes} ticked={ticked} onChange={setTicked} idPrefix="prefs" />
        </Section>
      ) : (
        <p>We send no promotional messages, so there is nothing to choose.</p>
      )}
      {postal.section}
      {ads !== null ? (
        <Section title="Interest-based advertising" description="Ads chosen from what we learn about your interests. Untick to opt out.">
          <p>
            <input id="interest-ads" type="checkbox" checked={ads} onChange={(e) => setAds(e.target.checked)} /> <label htmlFor="interest-ads">Show me interest-based ads</label>
          </p>
        </Section>
      ) : null}
      <FormAlert message={error} />
      <StatusMessage>{saved}</StatusMessage>
      <div className="button-row">
        <Button busy={busy} busyLabel="Saving…" onClick={() => void save()}>
          Save choices
        </Button>
      </div>
      {prefs.history.length > 0 ? (
        <Section title="Your recorded choices">
          <RecordTable
            caption="Your recorded marketing choices, newest first"
            compact
            rows={prefs.history}
            rowKey={(r, i) => `${r.scope}-${i}`}
            columns={[
              { header: 'When', cell: (r) => formatDateTime(r.decidedAt) },
              { header: 'About', cell: (r) => r.scope.replace(/^marketing:/, '').replace(/:/g, ' · ') },
              { header: 'Decision', cell: (r) => r.decision },
              { header: 'How', cell: (r) => r.method.replace('_', ' ') },
              { header: 'Policy version', cell: (r) => r.policyVersion },
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
