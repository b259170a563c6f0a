import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, TextField } from '../../../components/field.js';
import { Loading, Page } from '../../../components/page.js';
import { EMPTY_POSTAL, PostalAddressFields, postalProblems, toPostalInput } from '../../../components/postal-address-fields.js';
import { useAccountOptions, type ProfileField } from '../../../lib/account-options.js';
import { defaultTicks, MarketingChoices, marketingOptionsQuery } from '../../../lib/marketing.js';
import { checkEmail, checkNewPassword, MIN_PASSWORD_LENGTH, useForm, validate } from '../../../lib/form.js';
import { Link, safeReturnPath, useSearchParam } from '../../../lib/router.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { fetchSignUpPolicy, signUp, type PolicyToAccept } from '../api/auth-api.js';
import { ageConfirmationLabel } from '../components/age-confirmation-label.js';
import { PolicyAcceptance, policyPayload } from '../components/policy-acceptance.js';

/** Asks only what the privacy policy declares: a password only where people sign in with one, and only the profile fields it lists. */
export function SignUpPage() {
  const form = useForm();
  const options = useAccountOptions();
  // Kept through sign-up so a person who came from an invitation link ends up back there.
  const nextParam = useSearchParam('next');
  const signInPath = nextParam ? `/sign-in?next=${encodeURIComponent(safeReturnPath(nextParam, '/'))}` : '/sign-in';
  const [minimumAge, setMinimumAge] = useState<number | null>(null);
  const [policy, setPolicy] = useState<PolicyToAccept | null>(null);
  const [policyAccepted, setPolicyAccepted] = useState(false);
  const [values, setValues] = useState({ name: '', email: '', password: '', phone: '', company: '', jobTitle: '' });
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const [sent, setSent] = useState<{ to: string; linkValidFor: string } | null>(null);
  // Marketing boxes: unticked where the policy makes them opt-in.
  const marketing = useQuery({ ...marketingOptionsQuery(), retry: false });
  const offer = marketing.data?.purposes ?? [];
  const [ticks, setTicks] = useState<Set<string> | null>(null);
  const ticked = ticks ?? defaultTicks(offer);
  // Where the policy asks it, a box ticked for mail by post needs the address to send it to.
  const [postal, setPostal] = useState(EMPTY_POSTAL);
  const asksPostal = (marketing.data?.asksPostalAddress ?? false) && [...ticked].some((key) => key.endsWith('.post'));

  useEffect(() => {
    const controller = new AbortController();
    void fetchSignUpPolicy(controller.signal).then((published) => {
      if (controller.signal.aborted) return;
      setMinimumAge(published.minimumAge);
      setPolicy(published.policy);
    });
    return () => controller.abort();
  }, []);

  const set = (name: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: event.target.value }));

  const usesPassword = options?.signIn === 'password';
  const asks = (field: ProfileField) => options?.profileFields.includes(field) ?? false;
  const asksAboutWork = asks('company') || asks('jobTitle') || asks('phone');

  const submit = form.handleSubmit(async () => {
    validate({
      name: asks('name') && !values.name.trim() && 'Enter your name.',
      email: checkEmail(values.email),
      password: usesPassword && checkNewPassword(values.password),
      ageConfirmed: !ageConfirmed && 'Tick this box to confirm you meet the minimum age.',
      policy: policy?.acceptance !== 'by_use' && !policyAccepted && 'Tick this box to accept the privacy policy.',
      ...(asksPostal ? postalProblems('postalAddress', postal) : {}),
    });
    const optional = (text: string) => (text.trim() ? text.trim() : undefined);
    const { linkValidFor } = await signUp({
      email: values.email.trim(),
      ...(usesPassword ? { password: values.password } : {}),
      ...(asks('name') ? { name: values.name.trim() } : {}),
      ...(asks('phone') ? { phone: optional(values.phone) } : {}),
      ...(asks('company') ? { company: optional(values.company) } : {}),
      ...(asks('jobTitle') ? { jobTitle: optional(values.jobTitle) } : {}),
      ageConfirmed: true,
      ...policyPayload(policy, policyAccepted),
      ...(asksPostal ? { postalAddress: toPostalInput(postal) } : {}),
      ...(offer.length > 0 ? { marketing: [...ticked].map((key) => { const [purpose = '', topic = '', channel = ''] = key.split('.'); return { purpose, topic, channel }; }) } : {}),
    }).catch(async (error: unknown) => {
      // A new version took force while the person read the old one: show it, to be read and accepted anew.
      if (isApiError(error) && error.reason === 'policy_changed') {
        setPolicy((await fetchSignUpPolicy()).policy);
        setPolicyAccepted(false);
      }
      throw error;
    });
    setSent({ to: values.email.trim(), linkValidFor });
  });

  if (sent) {
    return (
      <Page title="Check your inbox" width="narrow">
        <div className="card">
          <StatusMessage>Your account has been created.</StatusMessage>
          <p>
            We have sent a link to <strong>{sent.to}</strong>. Open it to confirm your e-mail address, then sign in
            {usesPassword ? '.' : ': we e-mail you a sign-in link each time, as this service uses no passwords.'}
          </p>
          <p className="muted">The link works for {sent.linkValidFor}. If nothing arrives within a few minutes, look in your spam folder, or sign in to be sent a new link.</p>
          <p>
            <Link to={signInPath} className="button button-primary">
              Go to sign in
            </Link>
          </p>
        </div>
      </Page>
    );
  }

  const errors = form.fieldErrors;
  return (
    <Page title="Create your account" width="narrow" intro={<>Already have an account? <Link to={signInPath}>Sign in</Link>.</>}>
      {/* The page and its heading stand at once (focus moves to the heading); the form waits for the options. */}
      {!options ? (
        <Loading />
      ) : (
        <form ref={form.ref} className="card form" onSubmit={submit} noValidate aria-label="Create your account">
          <FormAlert message={form.error} />
          {asks('name') ? <TextField label="Full name" name="name" autoComplete="name" maxLength={200} value={values.name} onChange={set('name')} error={errors.name} required /> : null}
          <TextField
            label="E-mail address"
            name="email"
            type="email"
            maxLength={254}
            autoComplete="email"
            inputMode="email"
            hint={usesPassword ? undefined : 'You sign in with a link we e-mail to this address each time: this service uses no passwords.'}
            value={values.email}
            onChange={set('email')}
            error={errors.email}
            required
          />
          {usesPassword ? (
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`}
              value={values.password}
              onChange={set('password')}
              error={errors.password}
              required
            />
          ) : null}
          {asksAboutWork ? (
            <fieldset className="fieldset">
              <legend>About your work</legend>
              {asks('company') ? <TextField label="Company" name="company" autoComplete="organization" maxLength={200} optional value={values.company} onChange={set('company')} error={errors.company} /> : null}
              {asks('jobTitle') ? <TextField label="Job title" name="jobTitle" autoComplete="organization-title" maxLength={200} optional value={values.jobTitle} onChange={set('jobTitle')} error={errors.jobTitle} /> : null}
              {asks('phone') ? <TextField label="Phone" name="phone" type="tel" maxLength={40} autoComplete="tel" optional value={values.phone} onChange={set('phone')} error={errors.phone} /> : null}
            </fieldset>
          ) : null}
          <CheckboxField
            label={ageConfirmationLabel(minimumAge)}
            name="ageConfirmed"
            checked={ageConfirmed}
            onChange={(event) => setAgeConfirmed(event.target.checked)}
            error={errors.ageConfirmed}
          />
          {offer.length > 0 ? (
            <fieldset className="fieldset">
              <legend>News from us (optional)</legend>
              <MarketingChoices offer={offer} ticked={ticked} onChange={setTicks} idPrefix="sign-up" />
            </fieldset>
          ) : null}
          {asksPostal ? (
            <fieldset className="fieldset">
              <legend>Your postal address</legend>
              <p className="field-hint">Where we send what you chose to receive by post; without it, untick the Post boxes. We keep it only while you receive something by post.</p>
              <PostalAddressFields prefix="postalAddress" values={postal} onChange={setPostal} errors={errors} />
            </fieldset>
          ) : null}
          <PolicyAcceptance policy={policy} accepted={policyAccepted} onChange={setPolicyAccepted} error={errors.policy} />
          <div className="form-actions">
            <Button type="submit" busy={form.busy} busyLabel="Creating your account…">
              Create account
            </Button>
          </div>
        </form>
      )}
    </Page>
  );
}
