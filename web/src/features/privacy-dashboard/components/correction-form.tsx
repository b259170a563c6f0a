import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { formatDate } from '../../../lib/format.js';
import { useRequestCorrection } from '../api/privacy-api.js';

/** Data a person cannot edit themselves: they say what is wrong, a privacy officer answers by the due date. */
export function CorrectionForm() {
  const requestCorrection = useRequestCorrection();
  const form = useForm();
  const [what, setWhat] = useState('');
  const [correction, setCorrection] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    setStatus(null);
    validate({ what: !what.trim() && 'Say which data is wrong.', correction: !correction.trim() && 'Say what it should say instead.' });
    const result = await requestCorrection.mutateAsync({ what: what.trim(), correction: correction.trim() });
    setWhat('');
    setCorrection('');
    setStatus(`Thank you. We will answer by ${formatDate(result.dueOn)}.`);
  });

  return (
    <Section title="Ask for a correction" description="Your name, phone and company can be changed on the Account page. For anything else, tell us here.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate>
        <FormAlert message={form.error} />
        <StatusMessage>{status}</StatusMessage>
        <TextField name="what" label="What is wrong" maxLength={500} value={what} onChange={(e) => setWhat(e.target.value)} error={form.fieldErrors.what} />
        <TextAreaField name="correction" label="What it should say" rows={3} maxLength={5000} value={correction} onChange={(e) => setCorrection(e.target.value)} error={form.fieldErrors.correction} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Sending…">
            Send correction request
          </Button>
        </div>
      </form>
    </Section>
  );
}
