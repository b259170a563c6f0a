/** What the staff on the order do: record a bank transfer, move it through production and delivery, refund it. */
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { TextField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { messageOf, useForm, validate } from '../../../lib/form.js';
import { useMoveOrder, useRecordBankTransfer, useRefundOrder, type Order } from '../api/orders-api.js';
import { ORDER_STATUS_LABELS } from './order-format.js';

export function StaffControls({ order }: { order: Order }) {
  const record = useRecordBankTransfer(order.id);
  const move = useMoveOrder(order.id);
  const refund = useRefundOrder(order.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shipForm = useForm();
  const refundForm = useForm();
  const [ship, setShip] = useState({ carrier: '', trackingUrl: '' });
  const [reason, setReason] = useState('');

  async function run(key: string, action: () => Promise<unknown>, message: string) {
    setBusy(key);
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  const simpleMoves = order.allowedMoves.filter((m) => m !== 'shipped');
  if (!order.canRecordPayment && order.allowedMoves.length === 0 && !order.canRefund) return null;
  return (
    <Section title="Staff actions">
      <FormAlert message={error} />
      <StatusMessage>{done}</StatusMessage>
      <div className="button-row">
        {order.canRecordPayment ? (
          <Button busy={busy === 'paid'} busyLabel="Recording…" onClick={() => void run('paid', () => record.mutateAsync(undefined), 'Payment recorded; the invoice is issued.')}>
            Record bank transfer received
          </Button>
        ) : null}
        {simpleMoves.map((to) =>
          to === 'cancelled' ? (
            <ConfirmButton key={to} variant="secondary" label="Cancel order" confirmLabel="Cancel the order" question="Cancel this unpaid order?" busy={busy === to} onConfirm={() => void run(to, () => move.mutateAsync({ status: to }), 'Order cancelled.')} />
          ) : (
            <Button key={to} variant="secondary" busy={busy === to} busyLabel="Saving…" onClick={() => void run(to, () => move.mutateAsync({ status: to }), `Order is now ${ORDER_STATUS_LABELS[to].toLowerCase()}.`)}>
              Mark {ORDER_STATUS_LABELS[to].toLowerCase()}
            </Button>
          ),
        )}
      </div>
      {order.allowedMoves.includes('shipped') ? (
        <form
          ref={shipForm.ref}
          className="form"
          noValidate
          aria-label="Ship the order"
          onSubmit={shipForm.handleSubmit(async () => {
            validate({ carrier: !ship.carrier.trim() && 'Name the carrier.', trackingUrl: !/^https?:\/\//.test(ship.trackingUrl.trim()) && 'Give the tracking link (https://…).' });
            await move.mutateAsync({ status: 'shipped', carrier: ship.carrier, trackingUrl: ship.trackingUrl });
            setDone('Order shipped; the customer has the tracking link.');
          })}
        >
          <FormAlert message={shipForm.error} />
          <div className="form-grid">
            <TextField label="Carrier" name="carrier" maxLength={100} value={ship.carrier} onChange={(e) => setShip((s) => ({ ...s, carrier: e.target.value }))} error={shipForm.fieldErrors.carrier} />
            <TextField label="Tracking link" name="trackingUrl" type="url" maxLength={2000} value={ship.trackingUrl} onChange={(e) => setShip((s) => ({ ...s, trackingUrl: e.target.value }))} error={shipForm.fieldErrors.trackingUrl} />
          </div>
          <div className="form-actions">
            <Button type="submit" busy={shipForm.busy} busyLabel="Shipping…">
              Mark shipped
            </Button>
          </div>
        </form>
      ) : null}
      {order.canRefund ? (
        <form
          ref={refundForm.ref}
          className="form"
          noValidate
          aria-label="Refund the order"
          onSubmit={refundForm.handleSubmit(async () => {
            validate({ reason: reason.trim().length < 3 && 'Say why the order is refunded.' });
            await refund.mutateAsync(reason);
            setDone('Refunded; the credit note is issued.');
          })}
        >
          <FormAlert message={refundForm.error} />
          <TextField label="Refund reason" name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={refundForm.fieldErrors.reason} hint="Printed on the credit note and told to the customer." />
          <div className="form-actions">
            <Button type="submit" variant="danger" busy={refundForm.busy} busyLabel="Refunding…">
              Refund in full
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}
