import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Page, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { confirmContact } from '../api/support-api.js';

type State = { status: 'idle' | 'working' | 'done' } | { status: 'failed'; message: string };

/** The link from the e-mail: a press confirms (mail scanners open links too), then staff see the message. */
export function ConfirmContactPage() {
  const ticket = useSearchParam('ticket');
  const expires = useSearchParam('expires');
  const signature = useSearchParam('signature');
  const complete = ticket && expires && signature;
  const [state, setState] = useState<State>(complete ? { status: 'idle' } : { status: 'failed', message: 'This link is incomplete. Open the link from the e-mail again.' });

  async function confirm() {
    if (!complete) return;
    setState({ status: 'working' });
    try {
      await confirmContact({ ticket, expires: Number(expires), signature });
      setState({ status: 'done' });
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
    }
  }

  return (
    <Page title="Confirm your message" width="narrow">
      <Section title="Is this message yours?">
        {state.status === 'idle' || state.status === 'working' ? (
          <>
            <p>Confirm that you wrote to us from this address, so our support team can read your message and answer it.</p>
            <div className="form-actions">
              <Button busy={state.status === 'working'} busyLabel="Confirming…" onClick={() => void confirm()}>
                Confirm my message
              </Button>
            </div>
          </>
        ) : null}
        <StatusMessage>{state.status === 'done' ? 'Thank you: your message is confirmed. We will answer you by e-mail.' : null}</StatusMessage>
        {state.status === 'failed' ? (
          <>
            <FormAlert message={state.message} />
            <p>
              <Link to="/contact">Write to us again</Link>
            </p>
          </>
        ) : null}
      </Section>
    </Page>
  );
}
