import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useForm } from '../../../lib/form.js';
import { STATUS_LABELS, staffQuery, TOPIC_LABELS, useChangeTicket, type Ticket, type TicketStatus, type Topic } from '../api/support-api.js';

/** Status, topic and who handles the ticket. */
export function TicketControls({ ticket }: { ticket: Ticket }) {
  const staff = useQuery(staffQuery());
  const change = useChangeTicket(ticket.id);
  const form = useForm();
  const [status, setStatus] = useState<TicketStatus>(ticket.status);
  const [topic, setTopic] = useState<Topic>(ticket.topic);
  const [assignee, setAssignee] = useState(ticket.assignee?.id ?? '');
  const [done, setDone] = useState<string | null>(null);
  // A reply moves the ticket (pending, assigned to whoever answered): show what the server holds, so Save never undoes it.
  useEffect(() => {
    setStatus(ticket.status);
    setTopic(ticket.topic);
    setAssignee(ticket.assignee?.id ?? '');
  }, [ticket.status, ticket.topic, ticket.assignee?.id]);
  const submit = form.handleSubmit(async () => {
    await change.mutateAsync({ status, topic, assigneeId: assignee || null });
    setDone('Saved.');
  });
  return (
    <Section title="Handling">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Handling">
        <FormAlert message={form.error} />
        <StatusMessage>{done}</StatusMessage>
        <SelectField name="status" label="Status" value={status} onChange={(e) => setStatus(e.target.value as TicketStatus)}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="topic" label="Topic" value={topic} onChange={(e) => setTopic(e.target.value as Topic)}>
          {Object.entries(TOPIC_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="assigneeId" label="Assigned to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">Nobody</option>
          {(staff.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Saving…">
            Save
          </Button>
        </div>
      </form>
    </Section>
  );
}
