import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { allSubscriptionsQuery, useRecordTransfer, type AdminSubscription } from '../api/admin-subscriptions-api.js';
import { PlanForm } from '../components/plan-form.js';

const STATUS: Record<AdminSubscription['status'], string> = { incomplete: 'Waiting for payment', active: 'Active', past_due: 'Payment due', canceled: 'Cancelled', expired: 'Ended (unpaid)' };
const money = (cents: number, currency: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);

/** Admins offer plans and record the bank transfers subscriptions wait for. Reading the list is audited. */
export function AdminSubscriptionsPage() {
  const subs = useQuery(allSubscriptionsQuery());
  const record = useRecordTransfer();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function recordTransfer(sub: AdminSubscription) {
    setError(null);
    setStatus(null);
    try {
      const { invoiceNumber } = await record.mutateAsync(sub.id);
      setStatus(`Transfer for ${sub.number} recorded; invoice ${invoiceNumber} issued.`);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <Page title="Subscriptions" intro="Every subscription, newest first. Reading this list is recorded in the audit log." width="wide">
      <FormAlert message={error ?? loadError(subs)} />
      <StatusMessage>{status}</StatusMessage>
      {subs.isPending ? <Loading label="Loading subscriptions…" /> : null}
      {subs.data && subs.data.length === 0 ? <p className="card muted">No subscriptions yet.</p> : null}
      {subs.data && subs.data.length > 0 ? (
        <div className="card table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Paid until</th>
                <th scope="col">Due</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {subs.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.number}</td>
                  <td>{s.plan.name}</td>
                  <td>
                    {STATUS[s.status]}
                    {s.status === 'active' && s.cancelAtPeriodEnd ? ' (ends at the period end)' : ''}
                  </td>
                  <td>{s.currentPeriodEnd ? formatDate(s.currentPeriodEnd) : '—'}</td>
                  <td>{s.amountDue ? `${money(s.amountDue.amountCents, s.amountDue.currency)} by ${s.amountDue.provider === 'bank_transfer' ? 'bank transfer' : 'card'}` : '—'}</td>
                  <td>
                    {s.amountDue?.provider === 'bank_transfer' ? (
                      <Button variant="secondary" busy={record.isPending && record.variables === s.id} onClick={() => void recordTransfer(s)}>
                        Record bank transfer
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Section title="Offer a plan">
        <PlanForm onDone={setStatus} />
      </Section>
    </Page>
  );
}
