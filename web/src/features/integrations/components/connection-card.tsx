import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { Section } from '../../../components/page.js';
import type { Connection } from '../api/integrations-api.js';
import { DeliveryList } from './delivery-list.js';

const STATUS_WORDS: Record<Connection['status'], string> = { enabled: 'Connected', disabled: 'Disabled', disconnected: 'Disconnected' };

export type ConnectionActions = {
  busy: string | null;
  onEnable: (id: string, enabled: boolean) => void;
  onDisconnect: (id: string) => void;
  onRemoveCredential: (id: string) => void;
  onReplay: (connectionId: string, deliveryId: string) => void;
};

/** One connected system: where it receives events, which, its state, and its delivery history. */
export function ConnectionCard({ connection: c, actions }: { connection: Connection; actions: ConnectionActions }) {
  const live = c.status !== 'disconnected';
  return (
    <div className="card" data-connection={c.name}>
      <Section title={c.name} description={`${STATUS_WORDS[c.status]}${c.disabledReason && c.status !== 'enabled' ? ` — ${c.disabledReason}` : ''}`}>
        <dl className="details">
          {c.url ? (
            <>
              <dt>Webhook URL</dt>
              <dd>{c.url}</dd>
              <dt>Events</dt>
              <dd>{c.eventTypes.length ? c.eventTypes.join(', ') : 'none'}</dd>
            </>
          ) : null}
          {c.credential ? (
            <>
              <dt>Credential</dt>
              <dd>
                {c.credential.scheme === 'bearer' ? 'Bearer token' : `Header ${c.credential.header ?? ''}`} ending {c.credential.hint}
              </dd>
            </>
          ) : null}
          {c.inboundUrl ? (
            <>
              <dt>Orders in</dt>
              <dd>{c.inboundUrl}</dd>
            </>
          ) : null}
        </dl>
        {live ? (
          <p className="page-actions">
            <Button variant="secondary" busy={actions.busy === `enable-${c.id}`} busyLabel="Saving…" onClick={() => actions.onEnable(c.id, c.status !== 'enabled')}>
              {c.status === 'enabled' ? 'Disable' : 'Enable'}
            </Button>
            {c.credential ? (
              <ConfirmButton
                label="Remove credential"
                confirmLabel="Remove it now"
                question={`Remove the credential ${c.name} is called with? It is destroyed at once; events go without it.`}
                busy={actions.busy === `credential-${c.id}`}
                onConfirm={() => actions.onRemoveCredential(c.id)}
              />
            ) : null}
            <ConfirmButton
              label="Disconnect"
              confirmLabel="Disconnect now"
              question={`Disconnect ${c.name}? Nothing more is sent to it or accepted from it, and waiting deliveries are cancelled.`}
              busy={actions.busy === `disconnect-${c.id}`}
              onConfirm={() => actions.onDisconnect(c.id)}
            />
          </p>
        ) : null}
        {c.url ? <DeliveryList connectionId={c.id} canReplay={c.status === 'enabled'} replaying={actions.busy} onReplay={(deliveryId) => actions.onReplay(c.id, deliveryId)} /> : null}
      </Section>
    </div>
  );
}
