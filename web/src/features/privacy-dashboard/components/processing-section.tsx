import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { CheckboxField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { useSetOptOut, useSetRestriction, type PrivacyDashboard, type ProcessingKind } from '../api/privacy-api.js';

const OPT_OUTS: { kind: ProcessingKind; label: string; hint: string }[] = [
  { kind: 'marketing', label: 'No marketing', hint: 'We will not use your data to send you offers or news.' },
  { kind: 'analytics', label: 'No analytics', hint: 'We will not count your visits and actions in our usage statistics.' },
];

/** Restriction of all non-essential processing, and objections to single kinds of it. */
export function ProcessingSection({ dashboard }: { dashboard: PrivacyDashboard }) {
  const setRestriction = useSetRestriction();
  const setOptOut = useSetOptOut();
  const stored = new Set<string>(dashboard.restrictions.map((r) => r.scope));
  // The box follows the press at once; a refusal puts it back.
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const isOn = (key: string) => chosen[key] ?? stored.has(key);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function toggle(key: string, on: boolean, action: () => Promise<unknown>, done: string) {
    setBusy(key);
    setError(null);
    setStatus(null);
    setChosen((previous) => ({ ...previous, [key]: on }));
    try {
      await action();
      setStatus(done);
    } catch (caught) {
      setChosen((previous) => ({ ...previous, [key]: !on }));
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="How we may use your data" description="Essential processing (running your account, security, legal duties) continues either way.">
      <FormAlert message={error} />
      <StatusMessage>{status}</StatusMessage>
      <CheckboxField
        name="restrict"
        label="Restrict processing: use my data only for what is essential"
        hint="For example while a correction you asked for is being checked."
        checked={isOn('all')}
        disabled={busy !== null}
        onChange={(event) => {
          const on = event.target.checked;
          void toggle('all', on, () => setRestriction.mutateAsync(on), on ? 'Processing restricted to what is essential.' : 'Restriction lifted.');
        }}
      />
      {OPT_OUTS.map((o) => (
        <CheckboxField
          key={o.kind}
          name={`opt-out-${o.kind}`}
          label={o.label}
          hint={o.hint}
          checked={isOn(o.kind)}
          disabled={busy !== null}
          onChange={(event) => {
            const on = event.target.checked;
            void toggle(o.kind, on, () => setOptOut.mutateAsync({ kind: o.kind, on }), on ? `${o.label}: saved.` : `${o.label}: turned off.`);
          }}
        />
      ))}
    </Section>
  );
}
