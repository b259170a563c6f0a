import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/field.js';
import { Loading } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { policyCategoriesQuery, type DisclosureFacts, type DisclosureKind } from '../api/rights-requests-api.js';

/** Whose data it was: the account of a request in the queue, or the account using an address the officer types. */
export type DisclosureSubject = { kind: 'request'; name: string } | { kind: 'email' };

const KINDS: [DisclosureKind, string][] = [
  ['authority', 'An authority (court, police, tax office, regulator)'],
  ['third_party', 'Another third party'],
];

/** Today in the officer's own calendar, as a date input holds it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Only the day is known: noon that day in the officer's time zone, so it reads as the same day nearly anywhere. Today means now. */
function disclosureTime(date: string): string | undefined {
  if (!date || date === today()) return undefined;
  return new Date(`${date}T12:00:00`).toISOString();
}

/**
 * A disclosure made outside the system, in the words the person will read in the disclosure log
 * of their privacy page. The kinds of data are those the policy in force declares.
 */
export function DisclosureForm({
  subject,
  submit,
  onDone,
  onCancel,
}: {
  subject: DisclosureSubject;
  submit: (facts: DisclosureFacts, email: string) => Promise<unknown>;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const categories = useQuery(policyCategoriesQuery());
  const form = useForm();
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<DisclosureKind>('authority');
  const [recipient, setRecipient] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [reference, setReference] = useState('');
  const [disclosedAt, setDisclosedAt] = useState('');
  const categoriesErrorId = useId();
  const who = subject.kind === 'request' ? subject.name : 'the person';

  const onSubmit = form.handleSubmit(async () => {
    validate({
      subjectEmail: subject.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) && 'Enter the e-mail address of the person’s account, like name@example.com.',
      recipient: !recipient.trim() && 'Name who received the data.',
      legalBasis: !legalBasis.trim() && 'Say on what legal basis the data was disclosed.',
      categories: chosen.length === 0 && 'Choose at least one kind of data.',
      disclosedAt: disclosedAt > today() && 'The date cannot be in the future.',
    });
    const at = disclosureTime(disclosedAt);
    const facts: DisclosureFacts = {
      kind,
      recipient: recipient.trim(),
      legalBasis: legalBasis.trim(),
      // In the policy's order, whatever order they were ticked in.
      categories: (categories.data ?? []).map((c) => c.id).filter((id) => chosen.includes(id)),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(at ? { disclosedAt: at } : {}),
    };
    await submit(facts, email.trim());
    const whom = subject.kind === 'email' ? email.trim() : subject.name;
    setRecipient('');
    setLegalBasis('');
    setChosen([]);
    setReference('');
    setDisclosedAt('');
    setEmail('');
    onDone(`Disclosure to ${facts.recipient} recorded for ${whom}; it is shown in the disclosure log of their privacy page.`);
  });

  const categoriesError = form.fieldErrors.categories;
  return (
    <form ref={form.ref} className="form" onSubmit={onSubmit} noValidate aria-label={`Record a disclosure about ${who}`}>
      {subject.kind === 'request' ? <h3>Record a disclosure about {subject.name}</h3> : null}
      <FormAlert message={form.error} />
      {subject.kind === 'email' ? (
        <TextField
          name="subjectEmail"
          type="email"
          label="E-mail address of the person’s account"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={form.fieldErrors.subjectEmail}
          autoFocus
        />
      ) : null}
      <div className="form-grid">
        <SelectField name="kind" label="Disclosed to" value={kind} onChange={(e) => setKind(e.target.value as DisclosureKind)} error={form.fieldErrors.kind}>
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField name="recipient" label="Recipient" hint="A recipient our policy names, by its id (such as authorities): then only the kinds of data the policy lists for it. Any other name is recorded as outside the policy, on the legal basis you give." value={recipient} onChange={(e) => setRecipient(e.target.value)} error={form.fieldErrors.recipient} autoFocus={subject.kind === 'request'} />
      </div>
      <TextAreaField
        name="legalBasis"
        label="Legal basis"
        hint="The law, order or request that required or allowed it. The person reads this."
        rows={2}
        value={legalBasis}
        onChange={(e) => setLegalBasis(e.target.value)}
        error={form.fieldErrors.legalBasis}
      />
      <fieldset className="fieldset">
        <legend>Kinds of data disclosed</legend>
        {categories.isError ? <FormAlert message={loadError(categories)} /> : null}
        {categories.isPending ? <Loading label="Loading the kinds of data the policy declares…" /> : null}
        {categoriesError ? (
          <p id={categoriesErrorId} className="field-error">
            <span aria-hidden="true">⚠ </span>
            {categoriesError}
          </p>
        ) : null}
        <div className="rr-category-grid">
          {(categories.data ?? []).map((c) => (
            <CheckboxField
              key={c.id}
              name="categories"
              value={c.id}
              label={c.label}
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen((now) => (e.target.checked ? [...now, c.id] : now.filter((id) => id !== c.id)))}
              aria-invalid={categoriesError ? true : undefined}
              aria-describedby={categoriesError ? categoriesErrorId : undefined}
            />
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <TextField name="reference" label="Reference" optional hint="Their case or order number." value={reference} onChange={(e) => setReference(e.target.value)} error={form.fieldErrors.reference} />
        <TextField name="disclosedAt" type="date" label="Date disclosed" optional hint="Leave empty for today." max={today()} value={disclosedAt} onChange={(e) => setDisclosedAt(e.target.value)} error={form.fieldErrors.disclosedAt} />
      </div>
      <div className="form-actions">
        <Button type="submit" busy={form.busy} busyLabel="Recording…">
          Record the disclosure
        </Button>
        {onCancel ? (
          <Button
            variant="secondary"
            onClick={() => {
              form.clearErrors();
              onCancel();
            }}
          >
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
