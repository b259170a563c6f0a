import { useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, SelectField, TextField } from '../../../components/field.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { useConnect, type ConnectionSecrets, type NewConnection } from '../api/integrations-api.js';

const SYSTEM_LABELS: Record<NewConnection['system'] & string, string> = { webhook: 'Webhook receiver', erp: 'ERP system', crm: 'CRM system', ecommerce: 'Online shop' };

/** Connects a system: a URL to send the chosen events to (with a named connector's credential), and/or a token for a shop to send orders in. */
export function ConnectForm({ eventTypes, onConnected }: { eventTypes: readonly string[]; onConnected: (secrets: ConnectionSecrets) => void }) {
  const connect = useConnect();
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [system, setSystem] = useState<NewConnection['system'] & string>('webhook');
  const [scheme, setScheme] = useState<'bearer' | 'header'>('bearer');
  const named = system !== 'webhook';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const url = text('url');
    const input = {
      name: text('name'),
      system: text('system') as NewConnection['system'],
      ...(url ? { url } : {}),
      eventTypes: chosen as NewConnection['eventTypes'],
      inbound: system === 'ecommerce' && form.get('inbound') === 'on',
    };
    // A named connector's credential: sent once, stored sealed, never shown again.
    const credential = named ? text('credential') : '';
    if (credential) Object.assign(input, { credential: { scheme, value: credential, ...(scheme === 'header' ? { header: text('credentialHeader') } : {}) } });
    setError(null);
    const target = event.currentTarget;
    connect.mutate(input, {
      onSuccess: (secrets) => {
        target.reset();
        setChosen([]);
        setSystem('webhook');
        onConnected(secrets);
      },
      onError: (e) => setError(isApiError(e) ? e.detail : 'Could not connect the system. Try again.'),
    });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Connect a system">
      <FormAlert message={error} />
      <TextField label="Name" name="name" required maxLength={100} placeholder="Our ERP" />
      <SelectField label="System" name="system" value={system} onChange={(e) => setSystem(e.target.value as typeof system)}>
        {Object.entries(SYSTEM_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField label="Webhook URL" name="url" type="url" optional hint="Where we send the events you pick, signed per the Standard Webhooks specification." placeholder="https://erp.example.com/hooks/meshvault" />
      <fieldset className="stack">
        <legend className="field-label">Events to send</legend>
        {eventTypes.map((type) => (
          <CheckboxField
            key={type}
            name={`event-${type}`}
            label={type}
            checked={chosen.includes(type)}
            onChange={(e) => setChosen((now) => (e.target.checked ? [...now, type] : now.filter((t) => t !== type)))}
          />
        ))}
      </fieldset>
      {named ? (
        <fieldset className="stack">
          <legend className="field-label">Credential we call it with (optional)</legend>
          <SelectField label="Sent as" name="credentialScheme" value={scheme} onChange={(e) => setScheme(e.target.value as typeof scheme)}>
            <option value="bearer">Bearer token (Authorization header)</option>
            <option value="header">API key in a header of its own</option>
          </SelectField>
          {scheme === 'header' ? <TextField label="Header name" name="credentialHeader" required maxLength={64} placeholder="X-API-Key" /> : null}
          <TextField label="API key or token" name="credential" type="password" optional autoComplete="off" maxLength={4096} hint="Stored encrypted; after saving only its last characters are shown." />
        </fieldset>
      ) : null}
      {system === 'ecommerce' ? <CheckboxField name="inbound" label="Let this shop send us orders (you get a token for it)" /> : null}
      <p>
        <Button type="submit" busy={connect.isPending} busyLabel="Connecting…">
          Connect
        </Button>
      </p>
    </form>
  );
}
