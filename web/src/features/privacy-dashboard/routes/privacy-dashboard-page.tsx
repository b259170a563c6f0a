import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { dashboardQuery } from '../api/privacy-api.js';
import { CorrectionForm } from '../components/correction-form.js';
import { DataHeld } from '../components/data-held.js';
import { DeleteAccount } from '../components/delete-account.js';
import { ExportsSection } from '../components/exports-section.js';
import { ProcessingSection } from '../components/processing-section.js';

export function PrivacyDashboardPage() {
  const dashboard = useQuery(dashboardQuery());
  return (
    <Page title="My data" width="wide" intro="What we hold about you, why, until when and who receives it, and what you can do about it.">
      <FormAlert message={loadError(dashboard)} />
      {dashboard.data ? (
        <div className="stack">
          <DataHeld dashboard={dashboard.data} />
          <ExportsSection />
          <ProcessingSection dashboard={dashboard.data} />
          <CorrectionForm />
          <DeleteAccount />
        </div>
      ) : dashboard.isPending ? (
        <Loading label="Loading your data…" />
      ) : null}
    </Page>
  );
}
