import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { useSearchParam } from '../../../lib/router.js';

type State = { status: 'working' } | { status: 'done' } | { status: 'failed'; message: string } | { status: 'no-token' };

/** Pages opened from an e-mailed link: post the link's token once, then say how it went. */
export function TokenConfirmation({
  title,
  doneTitle,
  confirm,
  working,
  success,
  next,
  failureHelp,
}: {
  title: string;
  doneTitle: string;
  confirm: (token: string) => Promise<unknown>;
  working: string;
  success: string;
  /** The one thing to do after success, shown as the page's main button. */
  next: ReactNode;
  failureHelp: ReactNode;
}) {
  const token = useSearchParam('token');
  const [state, setState] = useState<State>(token ? { status: 'working' } : { status: 'no-token' });
  // Tokens are single-use: never post one twice, even when React runs effects twice in development.
  const posted = useRef<string | null>(null);

  useEffect(() => {
    if (!token || posted.current === token) return;
    posted.current = token;
    confirm(token).then(
      () => setState({ status: 'done' }),
      (error: unknown) => setState({ status: 'failed', message: messageOf(error) }),
    );
  }, [token, confirm]);

  return (
    <Page title={state.status === 'done' ? doneTitle : title} width="narrow">
      <div className="card">
        {state.status === 'working' ? <Loading label={working} /> : null}
        {state.status === 'done' ? (
          <>
            <StatusMessage>{success}</StatusMessage>
            <p>{next}</p>
          </>
        ) : null}
        {state.status === 'failed' ? (
          <>
            <FormAlert message={state.message} />
            {failureHelp}
          </>
        ) : null}
        {state.status === 'no-token' ? (
          <Notice tone="warning" title="This link is incomplete">
            <p>Open the link from the e-mail exactly as it was sent.</p>
            {failureHelp}
          </Notice>
        ) : null}
      </div>
    </Page>
  );
}
