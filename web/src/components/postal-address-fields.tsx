/** The address mail by post goes to, as the sign-up form and the marketing preferences page ask it. */
import { TextField } from './field.js';

export type PostalValues = { line1: string; line2: string; postalCode: string; city: string; region: string; country: string };
export const EMPTY_POSTAL: PostalValues = { line1: '', line2: '', postalCode: '', city: '', region: '', country: '' };
type PostalInput = { line1: string; line2?: string | null; postalCode: string; city: string; region?: string | null; country: string };

const KEYS: Array<[keyof PostalValues, string, { optional?: boolean; autoComplete: string; maxLength: number }]> = [
  ['line1', 'Street and number', { autoComplete: 'address-line1', maxLength: 200 }],
  ['line2', 'Address line 2', { optional: true, autoComplete: 'address-line2', maxLength: 200 }],
  ['postalCode', 'Postal code', { autoComplete: 'postal-code', maxLength: 20 }],
  ['city', 'City', { autoComplete: 'address-level2', maxLength: 100 }],
  ['region', 'Region or state', { optional: true, autoComplete: 'address-level1', maxLength: 100 }],
  ['country', 'Country', { autoComplete: 'country-name', maxLength: 100 }],
];

/** The fields, named `<prefix>.<field>`; `errors` keyed the same way, and one about the whole address (`<prefix>`) under its first line. */
export function PostalAddressFields({ prefix, values, onChange, errors = {} }: { prefix: string; values: PostalValues; onChange: (v: PostalValues) => void; errors?: Record<string, string | undefined> }) {
  return (
    <div className="form-grid">
      {KEYS.map(([key, label, opts]) => (
        <TextField key={key} label={label} name={`${prefix}.${key}`} value={values[key]} onChange={(e) => onChange({ ...values, [key]: e.target.value })} error={errors[`${prefix}.${key}`] ?? (key === 'line1' ? errors[prefix] : undefined)} {...opts} />
      ))}
    </div>
  );
}

export const postalValuesOf = (a: PostalInput | null | undefined): PostalValues => ({
  line1: a?.line1 ?? '',
  line2: a?.line2 ?? '',
  postalCode: a?.postalCode ?? '',
  city: a?.city ?? '',
  region: a?.region ?? '',
  country: a?.country ?? '',
});

/** What the API takes (the schema both forms share): empty optional lines as null. */
export const toPostalInput = (v: PostalValues) => ({ line1: v.line1, line2: v.line2 || null, postalCode: v.postalCode, city: v.city, region: v.region || null, country: v.country });

/** One message per required line left empty, as the API's schema requires them. */
export function postalProblems(prefix: string, v: PostalValues): Record<string, string | false> {
  return {
    [`${prefix}.line1`]: !v.line1.trim() && 'Enter the street and number.',
    [`${prefix}.postalCode`]: !v.postalCode.trim() && 'Enter the postal code.',
    [`${prefix}.city`]: !v.city.trim() && 'Enter the city.',
    [`${prefix}.country`]: !v.country.trim() && 'Enter the country.',
  };
}
