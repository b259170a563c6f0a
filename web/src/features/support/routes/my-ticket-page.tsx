import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { myTicketQuery, TOPIC_LABELS, useCustomerMessage } from '../api/support-api.js';
import { TicketStatusBadge } from '../components/ticket-status.js';
import { TicketThread } from '../components/ticket-thread.js';
import '../support.css';

/** One of the person's conversations: they read our answers and write back. */
export function MyTicketPage({ id }: { id: string }) {
  const ticket = useQuery(myTicketQuery(id));
  const send = useCustomerMessage(id);
  const form = useForm();
  const [text, setText] = useState('');
  const submit = form.handleSubmit(async () => {
    validate({ body: !text.trim() && 'Write your answer first.' });
    await send.mutateAsync({ body: text.trim() });
    setText('');
  });
  return (
    <Page title={ticket.data ? TOPIC_LABELS[ticket.data.topic] : 'Support'} intro={<Link to="/support/tickets">All your conversations</Link>}>
      <FormAlert message={loadError(ticket)} />
      {ticket.isPending ? <Loading /> : null}
      {ticket.data ? (
        <Section title="Conversation" description={<TicketStatusBadge status={ticket.data.status} />}>
          <TicketThread ticket={ticket.data} ownSide="in" />
          <form ref={form.ref} className="form message-form" onSubmit={submit} noValidate aria-label="Answer">
            <FormAlert message={form.error} />
            <TextAreaField label="Your answer" name="body" rows={3} maxLength={20_000} value={text} onChange={(e) => setText(e.target.value)} error={form.fieldErrors.body} />
            <div className="form-actions">
              <Button type="submit" busy={form.busy} busyLabel="Sending…">
                Send
              </Button>
            </div>
          </form>
        </Section>
      ) : null}
    </Page>
  );
}
