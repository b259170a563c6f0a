import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { useResource } from '../../../lib/use-resource.js';
import { loadDashboard } from '../api/privacy-api.js';
import { CorrectionForm } from '../components/correction-form.js';
import { DataHeld } from '../components/data-held.js';
import { DeleteAccount } from '../components/delete-account.js';
import { ExportsSection } from '../components/exports-section.js';
import { ProcessingSection } from '../components/processing-section.js';

export function PrivacyDashboardPage() {
  const dashboard = useResource((signal) => loadDashboard(signal), []);
  return (
    <Page title="My data" width="wide" intro="What we hold about you, why, until when and who receives it, and what you can do about it.">
      <FormAlert message={dashboard.status === 'error' ? dashboard.error : null} />
      {dashboard.data ? (
        <div className="stack">
          <DataHeld dashboard={dashboard.data} />
          <ExportsSection />
          <ProcessingSection dashboard={dashboard.data} onChanged={dashboard.reload} />
          <CorrectionForm onSent={dashboard.reload} />
          <DeleteAccount />
        </div>
      ) : dashboard.status === 'loading' ? (
        <Loading label="Loading your data…" />
      ) : null}
    </Page>
  );
}
