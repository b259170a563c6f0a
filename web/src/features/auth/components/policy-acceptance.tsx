import { CheckboxField } from '../../../components/field.js';
import type { PolicyToAccept } from '../api/auth-api.js';

/**
 * The policy a sign-up accepts, linked at the exact version it sends back. A box to tick, or, where
 * the policy says that using the service is acceptance (`acceptance: by_use`), a sentence saying so.
 */
export function PolicyAcceptance({ policy, accepted, onChange, error }: { policy: PolicyToAccept | null; accepted: boolean; onChange: (accepted: boolean) => void; error?: string | undefined }) {
  const href = policy ? `/privacy?version=${policy.version}` : '/privacy';
  const link = (
    <a href={href} target="_blank" rel="noopener" data-policy-version={policy?.version}>
      privacy policy{policy ? ` (version ${policy.version})` : ''}
    </a>
  );
  if (policy?.acceptance === 'by_use') {
    return (
      <p className="muted" data-testid="policy-acceptance">
        By creating an account and using this service, you accept our {link}.
      </p>
    );
  }
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

/** What the sign-up sends about the policy; nothing while none is loaded (the server then says what it needs). */
export function policyPayload(policy: PolicyToAccept | null, accepted: boolean) {
  if (!policy) return {};
  return { policy: { version: policy.version, hash: policy.hash, ...(policy.acceptance === 'explicit' ? { accepted } : {}) } };
}
