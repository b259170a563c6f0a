/**
 * The staff product form: name, model, attributes with their options, rules between options and the
 * price formula. The server checks the whole product; each of its refusals shows by the field it names.
 */
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { TextAreaField, TextField } from '../../../components/field.js';
import { isApiError, type FieldErrors } from '../../../lib/api/api-error.js';
import { FormValidationError, useForm, validate } from '../../../lib/form.js';
import type { ProductInput } from '../api/configurator-api.js';
import { AttributeFields } from './attribute-fields.js';
import { inputOf, moved, newAttribute, newRule, type ProductDraft } from './draft.js';
import { RuleFields } from './rule-fields.js';

type Props = { initial: ProductDraft; submitLabel: string; status: string | null; onSave: (input: ProductInput) => Promise<void> };

export function ProductForm({ initial, submitLabel, status, onSave }: Props) {
  const [draft, setDraft] = useState(initial);
  const [pathErrors, setPathErrors] = useState<FieldErrors>({});
  const form = useForm();
  const error = (path: string) => pathErrors[path];
  const set = (change: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...change }));
  const submit = form.handleSubmit(async () => {
    setPathErrors({});
    const { input, problems } = inputOf(draft);
    setPathErrors(problems);
    validate({ name: input.name ? null : 'Name the product.', modelFileId: input.modelFileId ? null : 'Give the id of the model file.', ...problems });
    try {
      await onSave(input);
    } catch (caught) {
      if (!isApiError(caught)) throw caught;
      setPathErrors(caught.pathErrors);
      // Problems shown by their fields get the form's usual summary instead of the server's list of paths.
      const named = Object.keys(caught.pathErrors).some((path) => form.ref.current?.elements.namedItem(path));
      throw named ? new FormValidationError(caught.pathErrors) : caught;
    }
  });
  return (
    <form ref={form.ref} className="form stack" onSubmit={submit} noValidate aria-label="Product">
      <FormAlert message={form.error} />
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <TextField label="Name" name="name" maxLength={120} value={draft.name} onChange={(e) => set({ name: e.target.value })} error={form.fieldErrors.name} />
      <TextAreaField label="Description" name="description" rows={2} optional maxLength={2000} value={draft.description} onChange={(e) => set({ description: e.target.value })} error={form.fieldErrors.description} />
      <TextField label="Model file id" name="modelFileId" value={draft.modelFileId} onChange={(e) => set({ modelFileId: e.target.value })} error={form.fieldErrors.modelFileId} hint="An analysed model file of a project you work on (its id is on the file's page)." />
      <section className="stack" aria-label="Attributes">
        <h2>Attributes</h2>
        {error('attributes') ? <p className="field-error">⚠ {error('attributes')}</p> : null}
        {draft.attributes.map((attribute, i) => (
          <AttributeFields
            key={i}
            index={i}
            count={draft.attributes.length}
            attribute={attribute}
            error={error}
            onChange={(next) => set({ attributes: draft.attributes.map((a, j) => (j === i ? next : a)) })}
            onMove={(by) => set({ attributes: moved(draft.attributes, i, by) })}
            onRemove={() => set({ attributes: draft.attributes.filter((_, j) => j !== i) })}
          />
        ))}
        <Button variant="secondary" onClick={() => set({ attributes: [...draft.attributes, newAttribute(draft.attributes.length + 1)] })}>
          Add an attribute
        </Button>
      </section>
      <section className="stack" aria-label="Rules">
        <h2>Rules</h2>
        {draft.rules.map((rule, i) => (
          <RuleFields
            key={i}
            index={i}
            count={draft.rules.length}
            rule={rule}
            attributes={draft.attributes}
            error={error}
            onChange={(next) => set({ rules: draft.rules.map((r, j) => (j === i ? next : r)) })}
            onMove={(by) => set({ rules: moved(draft.rules, i, by) })}
            onRemove={() => set({ rules: draft.rules.filter((_, j) => j !== i) })}
          />
        ))}
        <Button variant="secondary" onClick={() => set({ rules: [...draft.rules, newRule(draft.rules.length + 1)] })}>
          Add a rule
        </Button>
      </section>
      <TextAreaField
        label="Price formula (JsonLogic, cents)"
        name="price"
        rows={4}
        className="input code"
        value={draft.price}
        onChange={(e) => set({ price: e.target.value })}
        error={error('price') ?? form.fieldErrors.price}
        hint="It reads each attribute by its key, and optionsCents (the chosen options' prices added up), engravingLength and scale."
      />
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
