import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { useForm, validate } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { organisationsQuery, policiesQuery, productsQuery, useIssueLicence, type LicencePolicy } from '../api/org-licences-api.js';

const DAY = 86_400;
// The API's limit on seats (ZIssueLicence.maxUsers).
const MAX_SEATS = 100_000;

/** A policy's term in words: how long a licence of it lasts from issue. */
export function describeTerm(policy: Pick<LicencePolicy, 'durationSeconds'>): string {
  const s = policy.durationSeconds;
  if (s === null) return 'no end date';
  if (s % (365 * DAY) === 0) return s === 365 * DAY ? '1 year' : `${s / (365 * DAY)} years`;
  if (s % DAY === 0) return s === DAY ? '1 day' : `${s / DAY} days`;
  return `${Math.ceil(s / 3600)} hours`;
}

const EMPTY = { orgId: '', productId: '', policyId: '', seats: '' };

/** Staff issue a licence to an organisation: which product, on which policy (its term), with how many seats. */
export function IssueOrgLicenceForm() {
  const orgs = useQuery(organisationsQuery());
  const products = useQuery(productsQuery());
  const policies = useQuery(policiesQuery());
  const issue = useIssueLicence();
  const form = useForm();
  const [values, setValues] = useState(EMPTY);
  const [issued, setIssued] = useState<string | null>(null);
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: event.target.value, ...(name === 'productId' ? { policyId: '' } : {}) }));
  const terms = (policies.data ?? []).filter((p) => p.productId === values.productId);

  const submit = form.handleSubmit(async () => {
    setIssued(null);
    const seats = Number(values.seats);
    validate({
      orgId: !values.orgId && 'Choose the organisation the licence is for.',
      productId: !values.productId && 'Choose the product.',
      policyId: values.productId && !values.policyId && 'Choose the term: the policy the licence follows.',
      seats: (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) && `Enter the number of seats, a whole number from 1 to ${MAX_SEATS.toLocaleString()}.`,
    });
    const licence = await issue.mutateAsync({ policyId: values.policyId, orgId: values.orgId, maxUsers: seats });
    const org = orgs.data?.find((o) => o.id === values.orgId)?.name ?? 'the organisation';
    setIssued(`Licence ${licence.key} was issued to ${org} with ${seats} seat${seats === 1 ? '' : 's'}.`);
    setValues(EMPTY);
  });

  return (
    <Section title="Issue an organisation licence" description="The organisation’s administrators then give its seats to members, who activate the licence on their devices. The term and device limit come from the policy.">
      <form ref={form.ref} className="form" onSubmit={submit} noValidate aria-label="Issue an organisation licence">
        <FormAlert message={form.error ?? loadError(orgs) ?? loadError(products) ?? loadError(policies)} />
        <StatusMessage>{issued}</StatusMessage>
        <div className="form-grid">
          <SelectField label="Organisation" name="orgId" value={values.orgId} onChange={set('orgId')} error={form.fieldErrors.orgId} required>
            <option value="">Choose an organisation…</option>
            {orgs.data?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Product" name="productId" value={values.productId} onChange={set('productId')} error={form.fieldErrors.productId} required>
            <option value="">Choose a product…</option>
            {products.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.code})
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Term"
            name="policyId"
            value={values.policyId}
            onChange={set('policyId')}
            error={form.fieldErrors.policyId}
            disabled={!values.productId}
            hint={values.productId && terms.length === 0 ? 'This product has no policy yet: create one through the API first.' : 'The product’s policy: how long the licence lasts and on how many devices per seat.'}
            required
          >
            <option value="">{values.productId ? 'Choose a term…' : 'Choose a product first'}</option>
            {terms.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} — {describeTerm(p)}, up to {p.maxMachines} device{p.maxMachines === 1 ? '' : 's'}
              </option>
            ))}
          </SelectField>
          <TextField label="Seats" name="seats" type="number" inputMode="numeric" min={1} max={MAX_SEATS} step={1} value={values.seats} onChange={set('seats')} error={form.fieldErrors.seats} hint="How many members may hold the licence at once." required />
        </div>
        <div className="form-actions">
          <Button type="submit" busy={form.busy} busyLabel="Issuing…">
            Issue licence
          </Button>
        </div>
      </form>
    </Section>
  );
}
