import { useState } from 'react';
import { Section } from '../../../components/page.js';
import { PostalAddressFields, postalProblems, postalValuesOf, toPostalInput } from '../../../components/postal-address-fields.js';
import type { FieldErrors } from '../../../lib/api/api-error.js';
import type { Preferences, SetPreferences } from '../api/marketing-api.js';

const PREFIX = 'postalAddress';

/**
 * The postal address mail by post goes to: asked, where the policy asks it, while a box on the post
 * channel is ticked. `input()` is what to send with the choices: the address when it was changed.
 * `problems()` are the lines to fill before saving (each shown under its field, as are the server's).
 */
export function usePostalAddress(prefs: Preferences, ticked: Set<string>) {
  const [values, setValues] = useState(() => postalValuesOf(prefs.postalAddress));
  const [errors, setErrors] = useState<FieldErrors>({});
  const shown = prefs.asksPostalAddress && [...ticked].some((key) => key.endsWith('.post'));
  const changed = JSON.stringify(values) !== JSON.stringify(postalValuesOf(prefs.postalAddress));
  const input = (): Pick<SetPreferences, 'postalAddress'> => (shown && changed && values.line1.trim() ? { postalAddress: toPostalInput(values) } : {});
  /** Opting in by post needs a whole address (unless one is kept already); a changed one is checked too. */
  const problems = (optsInByPost: boolean): FieldErrors => {
    if (!shown || (!changed && !(optsInByPost && !prefs.postalAddress))) return {};
    return Object.fromEntries(Object.entries(postalProblems(PREFIX, values)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  };
  const section = shown ? (
    <Section title="Your postal address" description="Where we send what you chose to receive by post. We keep it only while you receive something by post.">
      <PostalAddressFields prefix={PREFIX} values={values} onChange={setValues} errors={errors} />
    </Section>
  ) : null;
  return { section, input, problems, showErrors: setErrors, reset: (next: Preferences) => setValues(postalValuesOf(next.postalAddress)) };
}
