import { useEffect, useState } from 'react';
import { fetchSignUpPolicy, type PolicyToAccept } from '../api/auth-api.js';

/**
 * The privacy policy in force, as a person is asked to accept it (null until it has loaded), and a
 * setter for the page that must show a newer version taking force meanwhile.
 */
export function usePolicyToAccept() {
  const [policy, setPolicy] = useState<PolicyToAccept | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void fetchSignUpPolicy(controller.signal).then((published) => {
      if (!controller.signal.aborted) setPolicy(published.policy);
    });
    return () => controller.abort();
  }, []);
  return [policy, setPolicy] as const;
}
