import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useAuth, type Me } from '../../../lib/auth.js';
import { useForm, validate } from '../../../lib/form.js';
import { updateProfile } from '../api/account-api.js';

export function ProfileForm({ user }: { user: Me }) {
  const form = useForm();
  const { refresh } = useAuth();
  const [values, setValues] = useState({ name: user.name, phone: user.phone ?? '', company: user.company ?? '', jobTitle: user.jobTitle ?? '' });
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: event.target.value }));
  };

  const submit = form.handleSubmit(async () => {
    setSaved(false);
    validate({ name: !values.name.trim() && 'Enter your name.' });
    const blankToNull = (text: string) => text.trim() || null;
    await updateProfile({ name: values.name.trim(), phone: blankToNull(values.phone), company: blankToNull(values.company), jobTitle: blankToNull(values.jobTitle) });
    await refresh();
    setSaved(true);
  });

  return (
    <Section title="Profile" description="How we address you, and how to reach you about your projects and orders.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Profile">
        <FormAlert message={form.error} />
        <StatusMessage>{saved ? 'Your profile has been saved.' : null}</StatusMessage>
        <div className="form-grid">
          <TextField label="Full name" name="name" autoComplete="name" maxLength={200} value={values.name} onChange={set('name')} error={form.fieldErrors.name} required />
          <TextField label="Phone" name="phone" type="tel" maxLength={40} autoComplete="tel" optional value={values.phone} onChange={set('phone')} error={form.fieldErrors.phone} />
          <TextField label="Company" name="company" autoComplete="organization" maxLength={200} optional value={values.company} onChange={set('company')} error={form.fieldErrors.company} />
          <TextField label="Job title" name="jobTitle" autoComplete="organization-title" maxLength={200} optional value={values.jobTitle} onChange={set('jobTitle')} error={form.fieldErrors.jobTitle} />
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
