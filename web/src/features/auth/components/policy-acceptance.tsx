import { CheckboxField } from '../../../components/field.js';
import type { PolicyToAccept } from '../api/auth-api.js';

/**
 * The policy a sign-up accepts, linked at the exact version it sends back. A box to tick, or, where
 * the policy says that using the service is acceptance (`acceptance: by_use`), a sentence saying so.
 */
export function PolicyAcceptance({ policy, accepted, onChange, error }: { policy: PolicyToAccept | null; accepted: boolean; onChange: (accepted: boolean) => void; error?: string | undefined }) {
  if (policy?.acceptance === 'by_use') return <AcceptedByUse policy={policy} doing="creating an account and using" />;
  const link = <PolicyLink policy={policy} />;
  return (
    <CheckboxField
      label={<>I have read and accept the {link}</>}
      name="policyAccepted"
      checked={accepted}
      onChange={(event) => onChange(event.target.checked)}
      error={error}
    />
  );
}

/**
 * Where using the service is acceptance, the sentence that says so before the use that records it:
 * at sign-up, and at sign-in, where the first request of an account made for someone records it.
 */
export function AcceptedByUse({ policy, doing }: { policy: PolicyToAccept; doing: string }) {
  return (
    <p className="muted" data-testid="policy-acceptance">
      By {doing} this service, you accept our <PolicyLink policy={policy} />.
    </p>
  );
}

/** The policy, linked at the exact version in force. */
function PolicyLink({ policy }: { policy: PolicyToAccept | null }) {
  return (
    <a href={policy ? `/privacy?version=${policy.version}` : '/privacy'} target="_blank" rel="noopener" data-policy-version={policy?.version}>
      privacy policy{policy ? ` (version ${policy.version})` : ''}
    </a>
  );
}

/** What the sign-up sends about the policy; nothing while none is loaded (the server then says what it needs). */
export function policyPayload(policy: PolicyToAccept | null, accepted: boolean) {
  if (!policy) return {};
  return { policy: { version: policy.version, hash: policy.hash, ...(policy.acceptance === 'explicit' ? { accepted } : {}) } };
}
