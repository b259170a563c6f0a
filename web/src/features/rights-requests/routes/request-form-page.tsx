import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { KIND_LABELS, optionsQuery, submitRequest, type RequestKind } from '../api/rights-requests-api.js';

/** The public form: anyone, with or without an account, can ask; the e-mail link confirms it is them. */
export function RequestFormPage() {
  const options = useQuery(optionsQuery());
  const form = useForm();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<RequestKind | ''>('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [details, setDetails] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    validate({
      name: !name.trim() && 'Enter your name.',
      email: checkEmail(email),
      kind: !kind && 'Choose what you are asking for.',
      jurisdiction: !jurisdiction && 'Choose where you live.',
    });
    if (!kind) return;
    await submitRequest({ name: name.trim(), email: email.trim(), kind, jurisdiction, ...(details.trim() ? { details: details.trim() } : {}) });
    setSentTo(email.trim());
  });

  return (
    <Page title="Make a privacy request" width="narrow" intro="Ask to see, correct, delete or move the data we hold about you. You do not need an account.">
      {sentTo ? (
        <Section title="Check your e-mail">
          <StatusMessage>
            We sent a link to {sentTo}. Open it to confirm the request is yours; the time we have to answer starts when you do.
          </StatusMessage>
        </Section>
      ) : (
        <Section title="Your request">
          <FormAlert message={options.isError ? loadError(options) : form.error} />
          {options.data ? (
            <form ref={form.ref} className="form" onSubmit={submit} noValidate>
              <TextField name="name" label="Your name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={form.fieldErrors.name} />
              <TextField
                name="email"
                type="email"
                label="E-mail address"
                autoComplete="email"
                hint="The one we know you by, if you have an account."
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={form.fieldErrors.email}
              />
              <SelectField name="kind" label="What are you asking for?" value={kind} onChange={(e) => setKind(e.target.value as RequestKind | '')} error={form.fieldErrors.kind}>
                <option value="">Choose…</option>
                {options.data.kinds.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </SelectField>
              <SelectField
                name="jurisdiction"
                label="Where do you live?"
                hint="It decides which rights apply and how long we have to answer."
                value={jurisdiction}
                onChange={(e) => setJurisdiction(e.target.value)}
                error={form.fieldErrors.jurisdiction}
              >
                <option value="">Choose…</option>
                {options.data.jurisdictions.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.name}
                  </option>
                ))}
              </SelectField>
              <TextAreaField name="details" label="Details" optional rows={4} maxLength={5000} value={details} onChange={(e) => setDetails(e.target.value)} error={form.fieldErrors.details} />
              <div className="form-actions">
                <Button type="submit" busy={form.busy} busyLabel="Sending…">
                  Send request
                </Button>
              </div>
            </form>
          ) : options.isPending ? (
            <Loading />
          ) : null}
        </Section>
      )}
    </Page>
  );
}
