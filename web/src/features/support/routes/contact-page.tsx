import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useAuth } from '../../../lib/auth.js';
import { checkEmail, useForm, validate } from '../../../lib/form.js';
import { formatFileSize } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { contactFormQuery, readAttachments, sendContactForm, TOPIC_LABELS, type Topic } from '../api/support-api.js';

type Sent = { id: string; confirmationSent: boolean; email: string };

/** The public contact form: the fields the policy in force declares, a spam check the browser solves. */
export function ContactPage() {
  const options = useQuery(contactFormQuery());
  const { state } = useAuth();
  const me = state.status === 'signed-in' ? state.user : null;
  const form = useForm();
  const [name, setName] = useState(me?.name ?? '');
  const [email, setEmail] = useState(me?.email ?? '');
  const [topic, setTopic] = useState<Topic | ''>('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const limits = options.data?.attachments;

  const submit = form.handleSubmit(async () => {
    const chosen = [...(files ?? [])];
    validate({
      name: options.data?.fields.name && !name.trim() && 'Enter your name.',
      email: checkEmail(email),
      topic: !topic && 'Choose what your message is about.',
      message: !message.trim() && 'Write your message.',
      attachments: limits && (chosen.length > limits.maxCount ? `Attach at most ${limits.maxCount} files.` : chosen.some((f) => f.size > limits.maxBytes) && `Each file must be at most ${formatFileSize(limits.maxBytes)}.`),
    });
    if (!topic) return;
    const attachments = await readAttachments(files);
    const result = await sendContactForm({ ...(options.data?.fields.name ? { name: name.trim() } : {}), email: email.trim(), topic, message: message.trim(), ...(attachments.length ? { attachments } : {}) });
    setSent({ ...result, email: email.trim() });
  });

  return (
    <Page title="Contact us" width="narrow" intro="Questions, feedback, a problem with an order: write to us and our support team answers by e-mail.">
      {sent ? (
        <Section title={sent.confirmationSent ? 'Check your e-mail' : 'Thank you'}>
          <StatusMessage>
            {sent.confirmationSent
              ? `We sent a link to ${sent.email}. Open it to confirm the message is yours; our team sees it once you have.`
              : 'We received your message and will answer by e-mail.'}
          </StatusMessage>
          {!sent.confirmationSent && me ? (
            <p>
              <Link to={`/support/tickets/${sent.id}`}>Follow the conversation</Link>
            </p>
          ) : null}
        </Section>
      ) : (
        <Section title="Your message">
          <FormAlert message={options.isError ? loadError(options) : form.error} />
          {options.data ? (
            <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Contact form">
              {options.data.fields.name ? <TextField name="name" label="Your name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={form.fieldErrors.name} /> : null}
              <TextField name="email" type="email" label="E-mail address" autoComplete="email" hint="We answer here." value={email} onChange={(e) => setEmail(e.target.value)} error={form.fieldErrors.email} />
              <SelectField name="topic" label="What is it about?" value={topic} onChange={(e) => setTopic(e.target.value as Topic | '')} error={form.fieldErrors.topic}>
                <option value="">Choose…</option>
                {options.data.topics.map((t) => (
                  <option key={t} value={t}>
                    {TOPIC_LABELS[t]}
                  </option>
                ))}
              </SelectField>
              <TextAreaField name="message" label="Message" rows={6} maxLength={20_000} value={message} onChange={(e) => setMessage(e.target.value)} error={form.fieldErrors.message} />
              {options.data.attachments.maxCount > 0 ? (
                <TextField
                  name="attachments"
                  type="file"
                  multiple
                  label="Attachments"
                  optional
                  hint={`Up to ${options.data.attachments.maxCount} files of ${formatFileSize(options.data.attachments.maxBytes)} each; stored encrypted.`}
                  onChange={(e) => setFiles(e.target.files)}
                  error={form.fieldErrors.attachments}
                />
              ) : null}
              <div className="form-actions">
                <Button type="submit" busy={form.busy} busyLabel="Checking and sending…">
                  Send message
                </Button>
              </div>
              <p className="muted small">To keep spam out, your browser does a short calculation when you send; nothing is shared with anyone else.</p>
            </form>
          ) : options.isPending ? (
            <Loading />
          ) : null}
        </Section>
      )}
    </Page>
  );
}
