import { Page } from '../../../components/page.js';
import { CertificatesSection } from '../components/certificates-section.js';
import { LegalHoldsSection } from '../components/legal-holds-section.js';
import { PlanSection } from '../components/plan-section.js';
import { PrivacyCheckSection } from '../components/privacy-check-section.js';

/** The privacy officers' retention page: the check, the next run, past runs' certificates, legal holds. */
export function RetentionPage() {
  return (
    <Page title="Retention" width="wide" intro="How the retention periods of the privacy policy are enforced on this installation.">
      <div className="stack">
        <PrivacyCheckSection />
        <PlanSection />
        <CertificatesSection />
        <LegalHoldsSection />
      </div>
    </Page>
  );
}
