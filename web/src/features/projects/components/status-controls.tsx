/** Staff move a project along and promise a delivery date; a customer may cancel. What is offered is what the server allows. */
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf, useForm, validate } from '../../../lib/form.js';
import { useChangeStatus, useSetPromisedDelivery, type Project, type ProjectStatus } from '../api/projects-api.js';
import { STATUS_LABELS } from '../utils/format.js';

export function StaffStatusForm({ project }: { project: Project }) {
  const choices = project.allowedTransitions;
  const changeStatus = useChangeStatus(project.id);
  const form = useForm();
  const [values, setValues] = useState({ status: '', note: '' });
  const [done, setDone] = useState<string | null>(null);
  if (choices.length === 0) return null;

  const submit = form.handleSubmit(async () => {
    setDone(null);
    validate({ status: !choices.includes(values.status as ProjectStatus) && 'Choose the new status.' });
    await changeStatus.mutateAsync({ status: values.status as ProjectStatus, note: values.note.trim() || null });
    setDone(`The project is now ${STATUS_LABELS[values.status as ProjectStatus].toLowerCase()}; the customer has been told.`);
    setValues({ status: '', note: '' });
  });

  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Change status">
      <h3>Change status</h3>
      <FormAlert message={form.error} />
      <StatusMessage>{done}</StatusMessage>
      <SelectField label="New status" name="status" value={choices.includes(values.status as ProjectStatus) ? values.status : ''} onChange={(e) => setValues((v) => ({ ...v, status: e.target.value }))} error={form.fieldErrors.status}>
        {choices.includes(values.status as ProjectStatus) ? null : <option value="">Choose…</option>}
        {choices.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Note for the customer" name="note" rows={2} maxLength={2000} optional value={values.note} onChange={(e) => setValues((v) => ({ ...v, note: e.target.value }))} error={form.fieldErrors.note} />
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Saving…">
          Change status
        </Button>
      </div>
      {/* The next statuses the caller may not set by hand are reached through quotes. */}
      {project.nextStatuses.some((s) => !choices.includes(s)) ? <p className="muted small">A project becomes quoted when a quote is issued, and goes into production when its customer accepts it.</p> : null}
    </form>
  );
}

export function PromisedDeliveryForm({ project }: { project: Project }) {
  const setPromisedDelivery = useSetPromisedDelivery(project.id);
  const form = useForm();
  const [date, setDate] = useState(project.promisedDeliveryDate ?? '');
  const [done, setDone] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);

  const submit = form.handleSubmit(async () => {
    setDone(null);
    setWithdrawError(null);
    validate({ date: !/^\d{4}-\d{2}-\d{2}$/.test(date) && 'Choose the date you promise to deliver by.' });
    await setPromisedDelivery.mutateAsync(date);
    setDone(`Delivery promised for ${formatDate(date)}; the customer has been told.`);
  });

  const withdraw = () => {
    setWithdrawing(true);
    setDone(null);
    setWithdrawError(null);
    setPromisedDelivery
      .mutateAsync(null)
      .then(() => {
        setDate('');
        setDone('The promised date has been withdrawn; the customer has been told.');
      })
      .catch((caught: unknown) => setWithdrawError(messageOf(caught)))
      .finally(() => setWithdrawing(false));
  };

  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Promised delivery date">
      <h3>Promised delivery</h3>
      <FormAlert message={form.error ?? withdrawError} />
      <StatusMessage>{done}</StatusMessage>
      <TextField label="Delivery date" name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={form.fieldErrors.date} />
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Saving…">
          Save date
        </Button>
        {project.promisedDeliveryDate ? (
          <Button variant="link" busy={withdrawing} busyLabel="Withdrawing…" onClick={withdraw}>
            Withdraw the date
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function CancelProject({ project }: { project: Project }) {
  const changeStatus = useChangeStatus(project.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!project.allowedTransitions.includes('cancelled')) return null;
  return (
    <div className="cancel-project">
      <FormAlert message={error} />
      <ConfirmButton
        label="Cancel project"
        confirmLabel="Yes, cancel it"
        question="Cancel this project? This cannot be undone."
        busy={busy}
        onConfirm={() => {
          setBusy(true);
          setError(null);
          changeStatus
            .mutateAsync({ status: 'cancelled', note: null })
            .catch((caught: unknown) => setError(messageOf(caught)))
            .finally(() => setBusy(false));
        }}
      />
    </div>
  );
}
