import type { Me } from '../../../lib/auth.js';

/** Seed 002's "Notice to end users": what the member's organisation may do with their account. */
export function OrganisationNotice({ organisation }: { organisation: NonNullable<Me['organisation']> }) {
  return (
    <section className="notice notice-info org-notice" aria-labelledby="org-notice-heading">
      <h2 id="org-notice-heading" className="notice-title">
        Your account is managed by {organisation.name}
      </h2>
      <p className="notice-text">{organisation.notice}</p>
    </section>
  );
}
