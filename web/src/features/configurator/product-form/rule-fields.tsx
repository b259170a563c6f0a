/** One rule of the product form: "when attribute A is x, attribute B must (not) be y", or its JsonLogic for other rules. */
import { SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { ListControls } from './list-controls.js';
import type { AttributeDraft, RuleDraft } from './draft.js';

type Props = { index: number; count: number; rule: RuleDraft; attributes: AttributeDraft[]; onChange: (next: RuleDraft) => void; onMove: (by: -1 | 1) => void; onRemove: () => void; error: (path: string) => string | undefined };

export function RuleFields({ index, count, rule, attributes, onChange, onMove, onRemove, error }: Props) {
  const at = `rules.${index}`;
  const set = (change: Partial<RuleDraft>) => onChange({ ...rule, ...change });
  const choices = attributes.filter((a) => a.kind !== 'engraving');
  const side = (which: 'when' | 'then', label: string) => {
    const value = rule[which];
    const options = choices.find((a) => a.key === value.attribute)?.options ?? [];
    return (
      <>
        <SelectField label={`${label}: attribute`} name={`${at}.${which}.attribute`} value={value.attribute} onChange={(e) => set({ [which]: { attribute: e.target.value, option: '' } })}>
          <option value="">Choose…</option>
          {choices.map((a) => (
            <option key={a.key} value={a.key}>
              {a.label || a.key}
            </option>
          ))}
        </SelectField>
        <SelectField label={`${label}: option`} name={`${at}.${which}.option`} value={value.option} onChange={(e) => set({ [which]: { ...value, option: e.target.value } })}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label || o.key}
            </option>
          ))}
        </SelectField>
      </>
    );
  };
  return (
    <fieldset className="fieldset" aria-label={`Rule ${index + 1}`}>
      <legend>Rule {index + 1}</legend>
      <div className="inline-row">
        <TextField label="Rule key" name={`${at}.key`} value={rule.key} onChange={(e) => set({ key: e.target.value })} error={error(`${at}.key`)} />
        <TextField label="Message when broken" name={`${at}.message`} value={rule.message} onChange={(e) => set({ message: e.target.value })} error={error(`${at}.message`)} hint="Customers read it when their choice breaks the rule." />
      </div>
      {rule.logic === null ? (
        <div className="inline-row">
          {side('when', 'When')}
          <SelectField label="Then" name={`${at}.must`} value={rule.must ? 'must' : 'must-not'} onChange={(e) => set({ must: e.target.value === 'must' })}>
            <option value="must-not">must not be</option>
            <option value="must">must be</option>
          </SelectField>
          {side('then', 'Then')}
        </div>
      ) : null}
      {rule.logic !== null ? (
        <TextAreaField label="Rule (JsonLogic)" name={`${at}.logic`} rows={4} className="input code" value={rule.logic} onChange={(e) => set({ logic: e.target.value })} error={error(`${at}.logic`)} hint="It holds when truthy; it reads attributes by key." />
      ) : error(`${at}.logic`) ? (
        <p className="field-error">⚠ {error(`${at}.logic`)}</p>
      ) : null}
      <ListControls what={`rule ${rule.key || index + 1}`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}
