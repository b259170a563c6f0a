import { useEffect, useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { formatDate } from '../../../lib/format.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { KIND_LABELS, verifyRequest, type RequestKind } from '../api/rights-requests-api.js';

type State = { status: 'working' } | { status: 'done'; kind: string; dueOn: string } | { status: 'failed'; message: string };

/** The link from the e-mail lands here; confirming starts the clock for the answer. */
export function ConfirmRequestPage() {
  const token = useSearchParam('token');
  const [state, setState] = useState<State>({ status: 'working' });

  useEffect(() => {
    if (!token) {
      setState({ status: 'failed', message: 'This link is incomplete. Open the link from the e-mail again, or make a new request.' });
      return;
    }
    let live = true;
    verifyRequest(token).then(
      (result) => live && setState({ status: 'done', kind: result.kind, dueOn: result.dueOn }),
      (error: unknown) => live && setState({ status: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <Page title="Confirm your privacy request" width="narrow">
      <Section title="Confirmation">
        {state.status === 'working' ? <Loading label="Confirming…" /> : null}
        {state.status === 'done' ? (
          <StatusMessage>
            Your request ({KIND_LABELS[state.kind as RequestKind] ?? state.kind}) is confirmed. We will answer by {formatDate(state.dueOn)}.
          </StatusMessage>
        ) : null}
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
