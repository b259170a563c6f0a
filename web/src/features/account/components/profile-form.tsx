import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import type { ProfileField } from '../../../lib/account-options.js';
import { useAuth, type Me } from '../../../lib/auth.js';
import { useForm, validate } from '../../../lib/form.js';
import { updateProfile } from '../api/account-api.js';

/** The profile fields the privacy policy declares (`fields`), and only those: the server refuses the others. */
export function ProfileForm({ user, fields }: { user: Me; fields: readonly ProfileField[] }) {
  const form = useForm();
  const { refresh } = useAuth();
  const [values, setValues] = useState({ name: user.name, phone: user.phone ?? '', company: user.company ?? '', jobTitle: user.jobTitle ?? '' });
  const [saved, setSaved] = useState(false);
  const asks = (field: ProfileField) => fields.includes(field);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: event.target.value }));
  };

  const submit = form.handleSubmit(async () => {
    setSaved(false);
    validate({ name: asks('name') && !values.name.trim() && 'Enter your name.' });
    // A blank optional field is sent as null, which clears it; a field not asked is not sent, so it stays as it is.
    const blankToNull = (text: string) => text.trim() || null;
    await updateProfile({
      ...(asks('name') ? { name: values.name.trim() } : {}),
      ...(asks('phone') ? { phone: blankToNull(values.phone) } : {}),
      ...(asks('company') ? { company: blankToNull(values.company) } : {}),
      ...(asks('jobTitle') ? { jobTitle: blankToNull(values.jobTitle) } : {}),
    });
    await refresh();
    setSaved(true);
  });

  return (
    <Section title="Profile" description="How we address you, and how to reach you about your projects and orders.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Profile">
        <FormAlert message={form.error} />
        <StatusMessage>{saved ? 'Your profile has been saved.' : null}</StatusMessage>
        <div className="form-grid">
          {asks('name') ? <TextField label="Full name" name="name" autoComplete="name" maxLength={200} value={values.name} onChange={set('name')} error={form.fieldErrors.name} required /> : null}
          {asks('phone') ? <TextField label="Phone" name="phone" type="tel" maxLength={40} autoComplete="tel" optional value={values.phone} onChange={set('phone')} error={form.fieldErrors.phone} /> : null}
          {asks('company') ? <TextField label="Company" name="company" autoComplete="organization" maxLength={200} optional value={values.company} onChange={set('company')} error={form.fieldErrors.company} /> : null}
          {asks('jobTitle') ? <TextField label="Job title" name="jobTitle" autoComplete="organization-title" maxLength={200} optional value={values.jobTitle} onChange={set('jobTitle')} error={form.fieldErrors.jobTitle} /> : null}
        </div>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Saving…">
            Save profile
          </Button>
        </div>
      </form>
    </Section>
  );
}
