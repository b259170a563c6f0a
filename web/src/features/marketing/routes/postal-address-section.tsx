import { useState } from 'react';
import { Section } from '../../../components/page.js';
import { PostalAddressFields, postalValuesOf, toPostalInput } from '../../../components/postal-address-fields.js';
import type { Preferences, SetPreferences } from '../api/marketing-api.js';

/**
 * The postal address mail by post goes to: asked, where the policy asks it, while a box on the post
 * channel is ticked. `input()` is what to send with the choices: the address when it was changed.
 */
export function usePostalAddress(prefs: Preferences, ticked: Set<string>) {
  const [values, setValues] = useState(() => postalValuesOf(prefs.postalAddress));
  const shown = prefs.asksPostalAddress && [...ticked].some((key) => key.endsWith('.post'));
  const changed = JSON.stringify(values) !== JSON.stringify(postalValuesOf(prefs.postalAddress));
  const input = (): Pick<SetPreferences, 'postalAddress'> => (shown && changed && values.line1.trim() ? { postalAddress: toPostalInput(values) } : {});
  const section = shown ? (
    <Section title="Your postal address" description="Where we send what you chose to receive by post. We keep it only while you receive something by post.">
      <PostalAddressFields prefix="postal" values={values} onChange={setValues} />
    </Section>
  ) : null;
  return { section, input, reset: (next: Preferences) => setValues(postalValuesOf(next.postalAddress)) };
}
