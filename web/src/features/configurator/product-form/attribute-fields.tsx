/** One attribute of the product form: its key, label and kind, and its options (or an engraving's length). */
import type { ReactNode } from 'react';
import { Button } from '../../../components/button.js';
import { SelectField, TextField } from '../../../components/field.js';
import { ListControls } from './list-controls.js';
import { ATTRIBUTE_KINDS, moved, newOption, type AttributeDraft, type OptionDraft } from './draft.js';

type Props = { index: number; count: number; attribute: AttributeDraft; onChange: (next: AttributeDraft) => void; onMove: (by: -1 | 1) => void; onRemove: () => void; error: (path: string) => string | undefined };

export function AttributeFields({ index, count, attribute, onChange, onMove, onRemove, error }: Props) {
  const at = `attributes.${index}`;
  const name = attribute.label || attribute.key;
  const set = (change: Partial<AttributeDraft>) => onChange({ ...attribute, ...change });
  const setOptions = (options: OptionDraft[]) => set({ options });
  return (
    <fieldset className="fieldset" aria-label={`Attribute ${index + 1}`}>
      <legend>Attribute {index + 1}</legend>
      {error(at) ? <p className="field-error">⚠ {error(at)}</p> : null}
      <div className="inline-row">
        <TextField label="Attribute label" name={`${at}.label`} value={attribute.label} onChange={(e) => set({ label: e.target.value })} error={error(`${at}.label`)} />
        <TextField label="Attribute key" name={`${at}.key`} value={attribute.key} onChange={(e) => set({ key: e.target.value })} error={error(`${at}.key`)} hint="Rules and the price read it by this key." />
        <SelectField label="Kind" name={`${at}.kind`} value={attribute.kind} onChange={(e) => set({ kind: e.target.value as AttributeDraft['kind'] })} error={error(`${at}.kind`)}>
          {ATTRIBUTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
      </div>
      {attribute.kind === 'engraving' ? (
        <TextField label="Longest engraving (characters)" name={`${at}.maxLength`} inputMode="numeric" value={attribute.maxLength} onChange={(e) => set({ maxLength: e.target.value })} error={error(`${at}.maxLength`)} />
      ) : (
        <ol className="stack" aria-label={`Options of ${name}`}>
          {attribute.options.map((option, i) => (
            <li key={i}>
              <OptionFields
                at={`${at}.options.${i}`}
                kind={attribute.kind}
                option={option}
                onChange={(next) => setOptions(attribute.options.map((o, j) => (j === i ? next : o)))}
                error={error}
                controls={<ListControls what={`option ${option.label || i + 1} of ${name}`} index={i} count={attribute.options.length} onMove={(by) => setOptions(moved(attribute.options, i, by))} onRemove={() => setOptions(attribute.options.filter((_, j) => j !== i))} />}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="button-row">
        {attribute.kind === 'engraving' ? null : (
          <Button variant="secondary" onClick={() => setOptions([...attribute.options, newOption(attribute.options.length + 1)])}>
            Add an option to {name}
          </Button>
        )}
        <ListControls what={`attribute ${name}`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
    </fieldset>
  );
}

function OptionFields({ at, kind, option, onChange, error, controls }: { at: string; kind: AttributeDraft['kind']; option: OptionDraft; onChange: (next: OptionDraft) => void; error: (path: string) => string | undefined; controls: ReactNode }) {
  const field = (label: string, prop: keyof OptionDraft, hint?: string) => (
    <TextField label={label} name={`${at}.${prop === 'price' ? 'priceCents' : prop}`} value={option[prop]} onChange={(e) => onChange({ ...option, [prop]: e.target.value })} error={error(`${at}.${prop === 'price' ? 'priceCents' : prop}`)} hint={hint} />
  );
  return (
    <div className="inline-row">
      {field('Option label', 'label')}
      {field('Option key', 'key')}
      {field('Price added (cents)', 'price')}
      {kind === 'material' || kind === 'colour' ? field('Colour', 'colour', '#rrggbb') : null}
      {kind === 'material' ? field('Metalness', 'metalness', '0 plastic … 1 metal') : null}
      {kind === 'material' ? field('Roughness', 'roughness', '0 polished … 1 matt') : null}
      {kind === 'size' ? field('Scale', 'scale', 'e.g. 1.5') : null}
      {kind === 'part' ? field('Part model file id', 'partFileId', 'Empty: no part') : null}
      {controls}
    </div>
  );
}
