import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { useForm, validate } from '../../../lib/form.js';
import { Link } from '../../../lib/router.js';
import { REQUEST_KIND_LABELS, rightsOptionsQuery, useTurnIntoPrivacyRequest, type RequestKind, type Ticket } from '../api/support-api.js';

/** A privacy officer files the ticket as a privacy request; its deadline runs from the first message. */
export function PrivacyRequestPanel({ ticket }: { ticket: Ticket }) {
  const options = useQuery(rightsOptionsQuery());
  const file = useTurnIntoPrivacyRequest(ticket.id);
  const form = useForm();
  const [kind, setKind] = useState<RequestKind | ''>('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [filed, setFiled] = useState<{ receivedOn: string; dueOn: string } | null>(null);
  const submit = form.handleSubmit(async () => {
    validate({ kind: !kind && 'Choose the kind of request.', jurisdiction: !jurisdiction && 'Choose where the person lives.' });
    if (!kind) return;
    const result = await file.mutateAsync({ kind, jurisdiction });
    setFiled(result.request);
  });
  if (ticket.rightsRequestId) {
    return (
      <Section title="Privacy request">
        <StatusMessage>{filed ? `Filed: received on ${formatDate(filed.receivedOn)}, due by ${formatDate(filed.dueOn)}.` : null}</StatusMessage>
        <p>
          This ticket is a privacy request. <Link to="/privacy-officer/requests">Answer it from the queue</Link>
        </p>
      </Section>
    );
  }
  return (
    <Section title="Privacy request" description="If the person asks about their data, file it: the deadline counts from when their message arrived.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="File as a privacy request">
        <FormAlert message={form.error} />
        <SelectField name="kind" label="Request" value={kind} onChange={(e) => setKind(e.target.value as RequestKind | '')} error={form.fieldErrors.kind}>
          <option value="">Choose…</option>
          {Object.entries(REQUEST_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="jurisdiction" label="Where the person lives" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} error={form.fieldErrors.jurisdiction}>
          <option value="">Choose…</option>
          {(options.data?.jurisdictions ?? []).map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Filing…">
            File as a privacy request
          </Button>
        </div>
      </form>
    </Section>
  );
}
