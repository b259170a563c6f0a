/** The controls of a product's attributes: a group of options per choice, a text field per engraving. */
import { TextField } from '../../../components/field.js';
import { formatMoney } from '../../../lib/format.js';
import { chosenOption, isChoice } from '../../../../../packages/configurator-rules/src/index.js';
import type { Product, Selections } from '../api/configurator-api.js';

export function Choices({ product, selections, onChange }: { product: Product; selections: Selections; onChange: (next: Selections) => void }) {
  return (
    <div className="stack configurator-choices">
      {product.attributes.map((attribute) =>
        isChoice(attribute) ? (
          <fieldset key={attribute.key} className="field">
            <legend className="field-label">{attribute.label}</legend>
            <div className="option-row">
              {attribute.options.map((option) => (
                <label key={option.key} className="option">
                  <input
                    type="radio"
                    name={attribute.key}
                    value={option.key}
                    checked={(selections[attribute.key] ?? attribute.options[0]?.key) === option.key}
                    onChange={() => onChange({ ...selections, [attribute.key]: option.key })}
                  />
                  {option.colour ? <span className="swatch" style={{ background: option.colour }} aria-hidden="true" /> : null}
                  {option.label}
                  {option.priceCents > 0 ? <span className="muted small"> +{formatMoney(option.priceCents, product.currency)}</span> : null}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <TextField
            key={attribute.key}
            label={attribute.label}
            name={attribute.key}
            optional
            maxLength={attribute.maxLength ?? undefined}
            value={selections[attribute.key] ?? ''}
            onChange={(e) => onChange({ ...selections, [attribute.key]: e.target.value })}
            hint={`Up to ${attribute.maxLength ?? 0} letters, digits and simple punctuation.`}
          />
        ),
      )}
    </div>
  );
}

/** The choices as read-only lines: "Material: Steel". */
export function ChoiceSummary({ product, selections }: { product: Product; selections: Selections }) {
  return (
    <dl className="summary-list">
      {product.attributes.map((attribute) => (
        <div key={attribute.key}>
          <dt>{attribute.label}</dt>
          <dd>{isChoice(attribute) ? (chosenOption(attribute, selections)?.label ?? '—') : selections[attribute.key] || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
