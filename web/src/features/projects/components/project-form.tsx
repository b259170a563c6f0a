/** The specifications and printing requirements of a new project. */
import { useState, type ChangeEvent } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { useForm, validate } from '../../../lib/form.js';
import { LENGTH_UNITS, type LengthUnit, type NewProject, type ProjectOptions } from '../api/projects-api.js';
import { formatSize, PROCESS_NAMES, UNIT_NAMES } from '../utils/format.js';

type Values = Record<'title' | 'process' | 'material' | 'colour' | 'quantity' | 'units' | 'toleranceMm' | 'finish' | 'wantedDeliveryDate' | 'notes', string>;

export function ProjectForm({ options, onSubmit }: { options: ProjectOptions; onSubmit: (input: NewProject) => Promise<void> }) {
  const form = useForm();
  const first = options.processes[0];
  const [values, setValues] = useState<Values>({
    title: '',
    process: first?.process ?? '',
    material: first?.materials[0] ?? '',
    colour: '',
    quantity: '1',
    units: 'mm',
    toleranceMm: '',
    finish: '',
    wantedDeliveryDate: '',
    notes: '',
  });
  const set = (name: keyof Values) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((v) => {
      if (name !== 'process') return { ...v, [name]: value };
      // A material of the old process may not exist for the new one.
      const materials = options.processes.find((p) => p.process === value)?.materials ?? [];
      return { ...v, process: value, material: materials.includes(v.material) ? v.material : (materials[0] ?? '') };
    });
  };
  const process = options.processes.find((p) => p.process === values.process);
  const today = new Date().toISOString().slice(0, 10);

  const submit = form.handleSubmit(async () => {
    if (!options.specificationsAsked) {
      validate({ title: !values.title.trim() && 'Give the project a name, such as the part it makes.' });
      await onSubmit({ title: values.title.trim() });
      return;
    }
    const quantity = Number(values.quantity);
    const tolerance = values.toleranceMm.trim() === '' ? null : Number(values.toleranceMm.replace(',', '.'));
    validate({
      title: !values.title.trim() && 'Give the project a name, such as the part it makes.',
      process: !process && 'Choose a printing process.',
      material: !values.material && 'Choose a material.',
      quantity: (!Number.isInteger(quantity) || quantity < 1 || quantity > 100_000) && 'Enter a whole number of parts from 1 to 100,000.',
      toleranceMm: tolerance !== null && (!Number.isFinite(tolerance) || tolerance <= 0 || tolerance > 100) && 'Enter a tolerance in millimetres greater than 0 and at most 100, such as 0.2.',
      wantedDeliveryDate: values.wantedDeliveryDate !== '' && values.wantedDeliveryDate < today && 'Choose a date from today on.',
    });
    if (!process) return;
    const text = (s: string) => s.trim() || null;
    await onSubmit({
      title: values.title.trim(),
      process: process.process,
      material: values.material,
      colour: text(values.colour),
      quantity,
      units: values.units as LengthUnit,
      toleranceMm: tolerance,
      finish: text(values.finish),
      wantedDeliveryDate: values.wantedDeliveryDate || null,
      notes: text(values.notes),
    });
  });

  return (
    <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="New project">
      <FormAlert message={form.error} />
      <div className="card form">
        <h2>{options.specificationsAsked ? 'Specifications' : 'Project'}</h2>
        <TextField label="Project name" name="title" maxLength={200} value={values.title} onChange={set('title')} error={form.fieldErrors.title} hint="For example the part or product it makes." required />
        {options.specificationsAsked ? specificationFields() : null}
      </div>
      {options.specificationsAsked ? requirementFields() : null}
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Creating…">
          Create project
        </Button>
      </div>
    </form>
  );

  // The privacy policy decides whether these are asked (options.specificationsAsked). Called, not
  // rendered as components: a component defined here would be new on every render and lose focus.
  function specificationFields() {
    return (
      <>
        <div className="form-grid">
          <TextField label="Quantity" name="quantity" type="number" inputMode="numeric" min={1} max={100_000} step={1} value={values.quantity} onChange={set('quantity')} error={form.fieldErrors.quantity} required />
          <SelectField label="Model units" name="units" value={values.units} onChange={set('units')} error={form.fieldErrors.units} hint="The unit your files are drawn in. STL, OBJ and PLY files do not say.">
            {LENGTH_UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_NAMES[u]} ({u})
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField label="Notes" name="notes" rows={4} maxLength={10_000} optional value={values.notes} onChange={set('notes')} error={form.fieldErrors.notes} hint="Anything we should know: how the part is used, which faces are visible, what matters most." />
      </>
    );
  }

  function requirementFields() {
    return (
      <div className="card form">
        <h2>Printing requirements</h2>
        <div className="form-grid">
          <SelectField
            label="Process"
            name="process"
            value={values.process}
            onChange={set('process')}
            error={form.fieldErrors.process}
            hint={process ? `Largest part: ${formatSize(process.buildVolumeMm)}.` : undefined}
            required
          >
            {options.processes.map((p) => (
              <option key={p.process} value={p.process}>
                {PROCESS_NAMES[p.process] ?? p.process}
              </option>
            ))}
          </SelectField>
          <SelectField label="Material" name="material" value={values.material} onChange={set('material')} error={form.fieldErrors.material} required>
            {(process?.materials ?? []).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </SelectField>
          <TextField label="Colour" name="colour" maxLength={100} optional value={values.colour} onChange={set('colour')} error={form.fieldErrors.colour} />
          <TextField label="Finish" name="finish" maxLength={200} optional value={values.finish} onChange={set('finish')} error={form.fieldErrors.finish} hint="For example as printed, sanded, dyed, painted." />
          <TextField
            label="Tolerance (mm)"
            name="toleranceMm"
            inputMode="decimal"
            optional
            value={values.toleranceMm}
            onChange={set('toleranceMm')}
            error={form.fieldErrors.toleranceMm}
            hint="The largest deviation you accept, such as 0.2."
          />
          <TextField label="Wanted delivery date" name="wantedDeliveryDate" type="date" min={today} optional value={values.wantedDeliveryDate} onChange={set('wantedDeliveryDate')} error={form.fieldErrors.wantedDeliveryDate} />
        </div>
      </div>
    );
  }
}
