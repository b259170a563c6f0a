import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { useCreateOrganisation } from '../api/admin-organisations-api.js';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseDomains(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))];
}

export function CreateOrganisationForm() {
  const createOrganisation = useCreateOrganisation();
  const form = useForm();
  const [values, setValues] = useState({ name: '', domains: '', adminEmail: '' });
  const [created, setCreated] = useState<string | null>(null);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }));

  const submit = form.handleSubmit(async () => {
    setCreated(null);
    const domains = parseDomains(values.domains);
    const badDomain = domains.find((d) => !DOMAIN.test(d));
    validate({
      name: !values.name.trim() && 'Enter the organisation’s name.',
      domains: badDomain ? `“${badDomain}” is not a domain name like example.com.` : false,
      adminEmail: values.adminEmail.trim() ? checkEmail(values.adminEmail) : false,
    });
    await createOrganisation.mutateAsync({ name: values.name.trim(), domains, ...(values.adminEmail.trim() ? { adminEmail: values.adminEmail.trim() } : {}) });
    setCreated(values.name.trim());
    setValues({ name: '', domains: '', adminEmail: '' });
  });

  return (
    <Section title="Create an organisation" description="An organisation groups the accounts of one business, and its administrators control its members’ accounts. Anyone who confirms an address at one of its domains joins it.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Create an organisation">
        <FormAlert message={form.error} />
        <StatusMessage>{created ? `${created} has been created.` : null}</StatusMessage>
        <div className="form-grid">
          <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={set('name')} error={form.fieldErrors.name} required />
          <TextField label="First administrator’s e-mail" name="adminEmail" type="email" autoComplete="off" optional hint="They must already have an account, and not belong to another organisation. They become its first administrator." value={values.adminEmail} onChange={set('adminEmail')} error={form.fieldErrors.adminEmail} />
        </div>
        <TextAreaField label="E-mail domains" name="domains" rows={2} optional hint="The organisation’s own domains (not public ones like gmail.com), separated by commas or spaces, e.g. example.com, example.co.uk" value={values.domains} onChange={set('domains')} error={form.fieldErrors.domains} />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Creating…">
            Create organisation
          </Button>
        </div>
      </form>
    </Section>
  );
}
