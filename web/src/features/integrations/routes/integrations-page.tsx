import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { loadError } from '../../../lib/query.js';
import { connectionsQuery, eventTypesQuery, useDisconnect, useRemoveCredential, useReplay, useSetEnabled, type ConnectionSecrets } from '../api/integrations-api.js';
import { ConnectForm } from '../components/connect-form.js';
import { ConnectionCard } from '../components/connection-card.js';

/** The systems the person (or their organisation) connected: connect one, follow its deliveries, replay, disconnect. */
export function IntegrationsPage() {
  const connections = useQuery(connectionsQuery());
  const eventTypes = useQuery(eventTypesQuery());
  const setEnabled = useSetEnabled();
  const disconnect = useDisconnect();
  const removeCredential = useRemoveCredential();
  const replay = useReplay();
  const [secrets, setSecrets] = useState<ConnectionSecrets | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(key: string, action: () => Promise<string>) {
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (e) {
      setError(isApiError(e) ? e.detail : 'That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  }

  const actions = {
    busy,
    onEnable: (id: string, enabled: boolean) => void run(`enable-${id}`, async () => (await setEnabled.mutateAsync({ id, enabled }), enabled ? 'The connection is enabled.' : 'The connection is disabled.')),
    onDisconnect: (id: string) => void run(`disconnect-${id}`, async () => (await disconnect.mutateAsync(id), 'Disconnected. Nothing more is sent or accepted.')),
    onRemoveCredential: (id: string) => void run(`credential-${id}`, async () => (await removeCredential.mutateAsync(id), 'Credential removed and destroyed.')),
    onReplay: (connectionId: string, deliveryId: string) => void run(deliveryId, async () => (await replay.mutateAsync({ connectionId, deliveryId }), 'Queued to be sent again.')),
  };

  return (
    <Page title="Connected systems" intro="Send events to your ERP, CRM or online shop, and let them send orders in. Only what our privacy policy allows for connected platforms is sent." width="wide">
      <FormAlert message={error ?? loadError(connections)} />
      <StatusMessage>{done}</StatusMessage>
      {secrets ? (
        <Notice tone="warning" title={`${secrets.connection.name} is connected`}>
          <p>Copy these now: they are shown only once.</p>
          {secrets.secret ? (
            <p>
              Signing secret: <code data-testid="webhook-secret">{secrets.secret}</code>
            </p>
          ) : null}
          {secrets.inboundToken ? (
            <p>
              Token for sending orders in: <code data-testid="inbound-token">{secrets.inboundToken}</code>
            </p>
          ) : null}
        </Notice>
      ) : null}
      <div className="stack">
        {connections.isPending ? <Loading label="Loading connections…" /> : null}
        {connections.data && connections.data.length === 0 ? <p className="card muted">No system is connected.</p> : null}
        {(connections.data ?? []).map((c) => (
          <ConnectionCard key={c.id} connection={c} actions={actions} />
        ))}
      </div>
      <Section title="Connect a system">{eventTypes.data ? <ConnectForm eventTypes={eventTypes.data} onConnected={setSecrets} /> : <Loading />}</Section>
    </Page>
  );
}
