import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { SelectField, TextField } from '../../../components/field.js';
import { Loading, Section } from '../../../components/page.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { holdsQuery, useOpenHold, useReleaseHold, type OpenHoldInput } from '../api/retention-api.js';

const SCOPE_WORDS: Record<OpenHoldInput['scope'], string> = { person: 'A person (account id)', project: 'A project (project id)', organisation: 'An organisation (organisation id)' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Legal holds: what they keep is skipped by retention and by erasure until released. */
export function LegalHoldsSection() {
  const holds = useQuery(holdsQuery());
  const release = useReleaseHold();
  const error = loadError(holds);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  return (
    <Section title="Legal holds" description="Data a hold covers is kept by retention and by erasure until the hold is released. Write the reason as a case reference, not as someone's name: it appears on certificates.">
      {error ? <p role="alert">{error}</p> : null}
      <FormAlert message={releaseError} />
      {holds.data ? (
        holds.data.length === 0 ? (
          <p className="muted">No legal hold has been opened.</p>
        ) : (
          <ul className="plain-list" aria-label="Legal holds">
            {holds.data.map((h) => (
              <li key={h.id}>
                <strong>{h.reason}</strong> · {h.scope} {h.scopeId} · opened {formatDateTime(h.openedAt)}
                {h.endsOn ? ` · ends ${formatDate(h.endsOn)}` : ''}
                {h.releasedAt ? (
                  ` · released ${formatDateTime(h.releasedAt)}`
                ) : (
                  <>
                    {' '}
                    <ConfirmButton
                      label="Release"
                      confirmLabel="Release this hold"
                      question={`Release “${h.reason}”? What it kept becomes subject to retention and erasure again.`}
                      busy={release.isPending}
                      onConfirm={() => {
                        setReleaseError(null);
                        release.mutateAsync(h.id).catch((e: unknown) => setReleaseError(e instanceof Error ? e.message : 'Could not release the hold.'));
                      }}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        )
      ) : error ? null : (
        <Loading />
      )}
      <OpenHoldForm />
    </Section>
  );
}

function OpenHoldForm() {
  const form = useForm();
  const open = useOpenHold();
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<OpenHoldInput['scope']>('person');
  const [scopeId, setScopeId] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const submit = form.handleSubmit(async () => {
    validate({ reason: reason.trim().length < 3 && 'Give the case reference (at least 3 characters).', scopeId: !UUID.test(scopeId.trim()) && 'Paste the id of what the hold covers.' });
    await open.mutateAsync({ reason: reason.trim(), scope, scopeId: scopeId.trim(), ...(endsOn ? { endsOn } : {}) });
    setReason('');
    setScopeId('');
    setEndsOn('');
  });
  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Open a legal hold">
      <h3>Open a legal hold</h3>
      <FormAlert message={form.error} />
      <TextField name="reason" label="Reason (case reference)" value={reason} onChange={(e) => setReason(e.target.value)} error={form.fieldErrors.reason} />
      <SelectField name="scope" label="What it covers" value={scope} onChange={(e) => setScope(e.target.value as OpenHoldInput['scope'])}>
        {Object.entries(SCOPE_WORDS).map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </SelectField>
      <TextField name="scopeId" label="Its id" value={scopeId} onChange={(e) => setScopeId(e.target.value)} error={form.fieldErrors.scopeId} />
      <TextField name="endsOn" type="date" label="Ends on" optional value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Opening…">
          Open hold
        </Button>
      </div>
    </form>
  );
}
