import { useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { CheckboxField, SelectField, TextField } from '../../../components/field.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { useConnect, type ConnectionSecrets, type NewConnection } from '../api/integrations-api.js';

const SYSTEM_LABELS: Record<NewConnection['system'] & string, string> = { webhook: 'Webhook receiver', erp: 'ERP system', crm: 'CRM system', ecommerce: 'Online shop' };

/** Connects a system: a URL to send the chosen events to, and/or a token for it to send records in. */
export function ConnectForm({ eventTypes, onConnected }: { eventTypes: readonly string[]; onConnected: (secrets: ConnectionSecrets) => void }) {
  const connect = useConnect();
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);

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
      inbound: form.get('inbound') === 'on',
    };
    setError(null);
    const target = event.currentTarget;
    connect.mutate(input, {
      onSuccess: (secrets) => {
        target.reset();
        setChosen([]);
        onConnected(secrets);
      },
      onError: (e) => setError(isApiError(e) ? e.detail : 'Could not connect the system. Try again.'),
    });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Connect a system">
      <FormAlert message={error} />
      <TextField label="Name" name="name" required maxLength={100} placeholder="Our ERP" />
      <SelectField label="System" name="system" defaultValue="webhook">
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
      <CheckboxField name="inbound" label="Let this system send us orders (you get a token for it)" />
      <p>
        <Button type="submit" busy={connect.isPending} busyLabel="Connecting…">
          Connect
        </Button>
      </p>
    </form>
  );
}
