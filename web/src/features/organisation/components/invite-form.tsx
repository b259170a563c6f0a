import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { useInviteMember } from '../api/organisation-api.js';

export function InviteForm({ orgId }: { orgId: string }) {
  const inviteMember = useInviteMember(orgId);
  const form = useForm();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    setSentTo(null);
    validate({ email: checkEmail(email) });
    await inviteMember.mutateAsync(email.trim());
    setSentTo(email.trim());
    setEmail('');
  });

  return (
    <Section title="Invite a member" description="We e-mail them a link to join. Their account, and the data in it, will then be controlled by your organisation.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Invite a member">
        <FormAlert message={form.error} />
        <StatusMessage>{sentTo ? `Invitation sent to ${sentTo}.` : null}</StatusMessage>
        <TextField label="E-mail address" name="email" type="email" autoComplete="off" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} error={form.fieldErrors.email} required />
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Sending…">
            Send invitation
          </Button>
        </div>
      </form>
    </Section>
  );
}
