import { useState } from 'react';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import type { Preferences, SetPreferences } from '../api/marketing-api.js';

type Values = { line1: string; line2: string; postalCode: string; city: string; region: string; country: string };
const KEYS: Array<[keyof Values, string, { optional?: boolean; autoComplete: string; maxLength: number }]> = [
  ['line1', 'Street and number', { autoComplete: 'address-line1', maxLength: 200 }],
  ['line2', 'Address line 2', { optional: true, autoComplete: 'address-line2', maxLength: 200 }],
  ['postalCode', 'Postal code', { autoComplete: 'postal-code', maxLength: 20 }],
  ['city', 'City', { autoComplete: 'address-level2', maxLength: 100 }],
  ['region', 'Region or state', { optional: true, autoComplete: 'address-level1', maxLength: 100 }],
  ['country', 'Country', { autoComplete: 'country-name', maxLength: 100 }],
];

const valuesOf = (a: Preferences['postalAddress']): Values => ({ line1: a?.line1 ?? '', line2: a?.line2 ?? '', postalCode: a?.postalCode ?? '', city: a?.city ?? '', region: a?.region ?? '', country: a?.country ?? '' });

/**
 * The postal address mail by post goes to: asked, where the policy asks it, while a box on the post
 * channel is ticked. `input()` is what to send with the choices: the address when it was changed.
 */
export function usePostalAddress(prefs: Preferences, ticked: Set<string>) {
  const [values, setValues] = useState(() => valuesOf(prefs.postalAddress));
  const shown = prefs.asksPostalAddress && [...ticked].some((key) => key.endsWith('.post'));
  const changed = JSON.stringify(values) !== JSON.stringify(valuesOf(prefs.postalAddress));
  const input = (): Pick<SetPreferences, 'postalAddress'> =>
    shown && changed && values.line1.trim() ? { postalAddress: { line1: values.line1, line2: values.line2 || null, postalCode: values.postalCode, city: values.city, region: values.region || null, country: values.country } } : {};
  const section = shown ? (
    <Section title="Your postal address" description="Where we send what you chose to receive by post. We keep it only while you receive something by post.">
      <div className="form-grid">
        {KEYS.map(([key, label, opts]) => (
          <TextField key={key} label={label} name={`postal.${key}`} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} {...opts} />
        ))}
      </div>
    </Section>
  ) : null;
  return { section, input, reset: (next: Preferences) => setValues(valuesOf(next.postalAddress)) };
}
