import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { loadError } from '../../../lib/query.js';
import { myLicencesQuery, useDeactivateMachine } from '../api/licences-api.js';
import { LicenceCard } from '../components/licence-card.js';

/** The customer's software licences and the devices each runs on; a device can be freed from here. */
export function LicencesPage() {
  const licences = useQuery(myLicencesQuery());
  const deactivate = useDeactivateMachine();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <Page title="Licences" intro="Your software licences and the devices they are activated on. Deactivate a device you no longer use to free its seat.">
      <FormAlert message={error ?? loadError(licences)} />
      <StatusMessage>{done}</StatusMessage>
      {licences.isPending ? <Loading label="Loading licences…" /> : null}
      {licences.data && licences.data.length === 0 ? <p className="card muted">You have no licences.</p> : null}
      <div className="stack">
        {(licences.data ?? []).map((licence) => (
          <LicenceCard
            key={licence.id}
            licence={licence}
            busyMachine={deactivate.isPending ? (deactivate.variables ?? null) : null}
            onDeactivate={(id) => {
              const name = licence.machines.find((m) => m.id === id)?.name ?? 'The device';
              setError(null);
              setDone(null);
              deactivate.mutate(id, {
                onSuccess: () => setDone(`${name} was deactivated.`),
                onError: (e) => setError(isApiError(e) ? e.detail : 'Could not deactivate the device. Try again.'),
              });
            }}
          />
        ))}
      </div>
    </Page>
  );
}
