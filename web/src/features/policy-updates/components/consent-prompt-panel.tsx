import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { messageOf } from '../../../lib/form.js';
import { answerConsentPrompt, historyLink, type ConsentAnswer, type ConsentPrompt } from '../api/policy-updates-api.js';

type Props = { prompt: ConsentPrompt; onAnswered: (prompt: ConsentPrompt, answer: ConsentAnswer) => void };

/**
 * Asks again for consent a new policy version needs. Not modal: the page stays usable, but focus
 * moves here when it appears so keyboard and screen-reader users meet the question first.
 */
export function ConsentPromptPanel({ prompt, onAnswered }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const [busy, setBusy] = useState<ConsentAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [prompt.id]);

  async function answer(choice: ConsentAnswer) {
    setBusy(choice);
    setError(null);
    try {
      await answerConsentPrompt(prompt.id, choice);
      onAnswered(prompt, choice);
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(null);
    }
  }

  const one = prompt.purposes.length === 1;
  return (
    <section ref={ref} role="dialog" aria-labelledby={titleId} tabIndex={-1} className="policy-prompt card">
      <h2 id={titleId} className="policy-prompt-title">
        May we {one ? 'use your data for something new' : 'use your data for some new purposes'}?
      </h2>
      <p>
        Version {prompt.version} of our privacy policy adds or widens {one ? 'a purpose' : `${prompt.purposes.length} purposes`} that we only carry out with
        your permission. Nothing changes for you unless you agree.
      </p>
      <ul className="policy-prompt-purposes" aria-label="Purposes that need your consent">
        {prompt.purposes.map((purpose) => (
          <li key={purpose.id}>
            <strong>{purpose.name}</strong>
            {purpose.description ? `: ${purpose.description}` : null}
            {purpose.categories.length > 0 ? <span className="muted small policy-prompt-data">Data used: {purpose.categories.join(', ')}</span> : null}
          </li>
        ))}
      </ul>
      <p className="small">
        <a href={`/privacy?version=${prompt.version}`}>Read version {prompt.version} of the policy</a> ·{' '}
        <a href={historyLink(prompt.version)}>What changed</a>
      </p>
      <FormAlert message={error} />
      <div className="button-row">
        <Button busy={busy === 'accept'} busyLabel="Saving…" onClick={() => void answer('accept')} disabled={busy === 'decline'}>
          I agree
        </Button>
        <Button variant="secondary" busy={busy === 'decline'} busyLabel="Saving…" onClick={() => void answer('decline')} disabled={busy === 'accept'}>
          No thanks
        </Button>
      </div>
    </section>
  );
}
