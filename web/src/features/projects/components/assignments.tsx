/** Who works on the project; admins assign and remove staff. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { messageOf, useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { staffQuery, useAssignStaff, useUnassignStaff, type Project } from '../api/projects-api.js';

export function AssignedStaff({ project }: { project: Project }) {
  if (project.assignedStaff.length === 0) return <p className="muted">Nobody is assigned yet.</p>;
  return (
    <ul className="plain-list">
      {project.assignedStaff.map((s) => (
        <li key={s.id}>{s.name}</li>
      ))}
    </ul>
  );
}

export function AssignmentEditor({ project }: { project: Project }) {
  const staff = useQuery(staffQuery());
  const assignStaff = useAssignStaff(project.id);
  const unassignStaff = useUnassignStaff(project.id);
  const form = useForm();
  const [chosen, setChosen] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const assigned = new Set(project.assignedStaff.map((s) => s.id));
  const available = (staff.data ?? []).filter((s) => !assigned.has(s.id));

  const submit = form.handleSubmit(async () => {
    setDone(null);
    validate({ staffId: !chosen && 'Choose a staff member.' });
    const person = available.find((s) => s.id === chosen);
    await assignStaff.mutateAsync(chosen);
    setChosen('');
    setDone(`${person?.name ?? 'The staff member'} now works on this project.`);
  });

  async function remove(id: string, name: string) {
    setBusyId(id);
    setError(null);
    setDone(null);
    try {
      await unassignStaff.mutateAsync(id);
      setDone(`${name} no longer works on this project.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="stack-small">
      <FormAlert message={error ?? loadError(staff)} />
      <StatusMessage>{done}</StatusMessage>
      {project.assignedStaff.length === 0 ? <p className="muted">Nobody is assigned yet.</p> : null}
      <ul className="assigned-list">
        {project.assignedStaff.map((s) => (
          <li key={s.id}>
            <span>{s.name}</span>
            <Button variant="secondary" className="button-small" busy={busyId === s.id} busyLabel="Removing…" onClick={() => void remove(s.id, s.name)} aria-label={`Remove ${s.name} from this project`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {staff.data && available.length === 0 ? (
        <p className="muted small">Every staff member is assigned. Give someone the staff role on the Users page to assign more people.</p>
      ) : (
        <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Assign staff">
          <FormAlert message={form.error} />
          <SelectField label="Assign a staff member" name="staffId" value={chosen} onChange={(e) => setChosen(e.target.value)} error={form.fieldErrors.staffId}>
            <option value="">Choose…</option>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.email})
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Assigning…">
              Assign
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
