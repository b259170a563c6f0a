/** The fields of one postal address, named `<prefix>.<field>` in the form. */
import { TextField } from './field.js';

export type AddressValues = { name: string; company: string; line1: string; line2: string; postalCode: string; city: string; region: string; country: string };
export const EMPTY_ADDRESS: AddressValues = { name: '', company: '', line1: '', line2: '', postalCode: '', city: '', region: '', country: '' };

export function AddressFields({ prefix, values, onChange, errors }: { prefix: string; values: AddressValues; onChange: (v: AddressValues) => void; errors: Record<string, string | undefined> }) {
  const field = (key: keyof AddressValues, label: string, opts: { optional?: boolean; autoComplete?: string; maxLength?: number; hint?: string } = {}) => (
    <TextField
      label={label}
      name={`${prefix}.${key}`}
      value={values[key]}
      onChange={(e) => onChange({ ...values, [key]: e.target.value })}
      error={errors[`${prefix}.${key}`]}
      optional={opts.optional}
      autoComplete={opts.autoComplete}
      maxLength={opts.maxLength ?? 200}
      hint={opts.hint}
    />
  );
  return (
    <div className="form-grid">
      {field('name', 'Full name', { autoComplete: 'name' })}
      {field('company', 'Company', { optional: true, autoComplete: 'organization' })}
      {field('line1', 'Street and number', { autoComplete: 'address-line1' })}
      {field('line2', 'Address line 2', { optional: true, autoComplete: 'address-line2' })}
      {field('postalCode', 'Postal code', { autoComplete: 'postal-code', maxLength: 20 })}
      {field('city', 'City', { autoComplete: 'address-level2', maxLength: 100 })}
      {field('region', 'Region or state', { optional: true, autoComplete: 'address-level1', maxLength: 100 })}
      {field('country', 'Country code', { autoComplete: 'country', maxLength: 2, hint: 'Two letters, such as DE, FR or GB.' })}
    </div>
  );
}

/** What the API takes: empty optional fields left out. */
export function toAddressInput(v: AddressValues) {
  return {
    name: v.name,
    company: v.company || null,
    line1: v.line1,
    line2: v.line2 || null,
    postalCode: v.postalCode,
    city: v.city,
    region: v.region || null,
    country: v.country,
  };
}

/** Checks before sending, one message per empty required field. */
export function addressProblems(prefix: string, v: AddressValues): Record<string, string | false> {
  return {
    [`${prefix}.name`]: !v.name.trim() && 'Enter the name.',
    [`${prefix}.line1`]: !v.line1.trim() && 'Enter the street and number.',
    [`${prefix}.postalCode`]: !v.postalCode.trim() && 'Enter the postal code.',
    [`${prefix}.city`]: !v.city.trim() && 'Enter the city.',
    [`${prefix}.country`]: !/^[A-Za-z]{2}$/.test(v.country.trim()) && 'Enter a two-letter country code, such as DE.',
  };
}
