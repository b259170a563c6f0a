import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Page, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { formatDate } from '../../../lib/format.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { KIND_LABELS, verifyRequest, type RequestKind } from '../api/rights-requests-api.js';

type State = { status: 'idle' | 'working' } | { status: 'done'; kind: string; dueOn: string } | { status: 'failed'; message: string };

/**
 * The link from the e-mail lands here; confirming starts the clock for the answer. It takes a press,
 * not just opening the page: mail scanners open links too, and the link works only once.
 */
export function ConfirmRequestPage() {
  const token = useSearchParam('token');
  const [state, setState] = useState<State>(token ? { status: 'idle' } : { status: 'failed', message: 'This link is incomplete. Open the link from the e-mail again, or make a new request.' });

  async function confirm() {
    if (!token) return;
    setState({ status: 'working' });
    try {
      const result = await verifyRequest(token);
      setState({ status: 'done', kind: result.kind, dueOn: result.dueOn });
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }

  return (
    <Page title="Confirm your privacy request" width="narrow">
      <Section title="Is this request yours?">
        {state.status === 'idle' || state.status === 'working' ? (
          <>
            <p>Confirm that you made this request, so we can start on it.</p>
            <div className="form-actions">
              <Button busy={state.status === 'working'} busyLabel="Confirming…" onClick={() => void confirm()}>
                Confirm my request
              </Button>
            </div>
          </>
        ) : null}
        <StatusMessage>
          {state.status === 'done' ? `Your request (${KIND_LABELS[state.kind as RequestKind] ?? state.kind}) is confirmed. We will answer by ${formatDate(state.dueOn)}.` : null}
        </StatusMessage>
        {state.status === 'failed' ? (
          <>
            <FormAlert message={state.message} />
            <p>
              <Link to="/privacy/requests">Make a new request</Link>
            </p>
          </>
        ) : null}
      </Section>
    </Page>
  );
}
