import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { DataTable, type DataColumn } from '../../../components/data-table.js';
import { Page, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { allSubscriptionsQuery, useRecordTransfer, type AdminSubscription } from '../api/admin-subscriptions-api.js';
import { PlanForm } from '../components/plan-form.js';

const STATUS: Record<AdminSubscription['status'], string> = { incomplete: 'Waiting for payment', active: 'Active', past_due: 'Payment due', canceled: 'Cancelled', expired: 'Ended (unpaid)' };
const money = (cents: number, currency: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);

/** The list's columns; `recording` is the subscription whose transfer is being recorded. */
const COLUMNS = (recording: string | undefined, recordTransfer: (sub: AdminSubscription) => Promise<void>): Array<DataColumn<AdminSubscription>> => [
  { header: 'Number', cell: (s) => s.number },
  { header: 'Plan', cell: (s) => s.plan.name },
  { header: 'Status', cell: (s) => `${STATUS[s.status]}${s.status === 'active' && s.cancelAtPeriodEnd ? ' (ends at the period end)' : ''}` },
  { header: 'Paid until', cell: (s) => (s.currentPeriodEnd ? formatDate(s.currentPeriodEnd) : '—') },
  { header: 'Due', cell: (s) => (s.amountDue ? `${money(s.amountDue.amountCents, s.amountDue.currency)} by ${s.amountDue.provider === 'bank_transfer' ? 'bank transfer' : 'card'}` : '—') },
  {
    header: 'Actions',
    hiddenHeader: true,
    cell: (s) =>
      s.amountDue?.provider === 'bank_transfer' ? (
        <Button variant="secondary" busy={recording === s.id} onClick={() => void recordTransfer(s)}>
          Record bank transfer
        </Button>
      ) : null,
  },
];

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
      <FormAlert message={error} />
      <StatusMessage>{status}</StatusMessage>
      <DataTable query={subs} columns={COLUMNS(record.isPending ? record.variables : undefined, recordTransfer)} rowKey={(s) => s.id} loadingLabel="Loading subscriptions…" empty="No subscriptions yet." />
      <Section title="Offer a plan">
        <PlanForm onDone={setStatus} />
      </Section>
    </Page>
  );
}
