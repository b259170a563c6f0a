import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { messageOf } from '../../../lib/form.js';
import { Link, useLocation } from '../../../lib/router.js';
import { allCategories, browserSendsGpc, chooseConsent, choiceOf, consentQuery, optionalCategories, type ConsentState } from '../api/consent-api.js';
import { CategoryChoices } from './category-choices.js';

/** The settings page asks the same things in full; the banner stays out of its way there. */
const SETTINGS_PATH = '/cookie-settings';

/**
 * The cookie banner: shown until the visitor chooses (and again when the notice changed). Accept
 * all, Reject all and Choose carry equal weight. A labelled, non-modal dialog: focus moves to it when
 * it appears, so keyboard and screen-reader users meet it first, and returns where it was after.
 */
export function ConsentBanner() {
  const { pathname } = useLocation();
  const { data } = useQuery(consentQuery());
  if (!data || pathname === SETTINGS_PATH) return null;
  if (data.decided || optionalCategories(data).length === 0) return null;
  return <BannerDialog state={data} />;
}

function BannerDialog({ state }: { state: ConsentState }) {
  const queryClient = useQueryClient();
  const titleId = useId();
  const textId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const returnTo = useRef<Element | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [picked, setPicked] = useState<Record<string, boolean>>(() => ({ ...state.categories }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    returnTo.current = document.activeElement;
    ref.current?.focus({ preventScroll: true });
  }, []);

  // Choosing replaces the Choose button: focus goes to the first choice rather than being lost.
  useEffect(() => {
    if (choosing) ref.current?.querySelector<HTMLInputElement>('input:not([disabled])')?.focus();
  }, [choosing]);

  async function choose(categories: Record<string, boolean>) {
    setBusy(true);
    setError(null);
    try {
      queryClient.setQueryData(consentQuery().queryKey, await chooseConsent(choiceOf(state, 'banner', categories)));
      if (returnTo.current instanceof HTMLElement) returnTo.current.focus({ preventScroll: true });
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  }

  return (
    <div ref={ref} role="dialog" aria-labelledby={titleId} aria-describedby={textId} tabIndex={-1} className="consent-banner card">
      <h2 id={titleId} className="consent-banner-title">
        Cookies on this site
      </h2>
      <p id={textId}>
        {state.notice.text}
        {state.notice.gpcHonoured && browserSendsGpc() ? ' Your browser sends Global Privacy Control: we treat it as an opt-out of sale, sharing and targeted advertising.' : null}
      </p>
      {choosing ? <CategoryChoices state={state} value={picked} onChange={setPicked} idPrefix="banner" /> : null}
      <FormAlert message={error} />
      <div className="button-row consent-buttons">
        <Button variant="secondary" disabled={busy} onClick={() => void choose(allCategories(state, true))}>
          Accept all
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => void choose(allCategories(state, false))}>
          Reject all
        </Button>
        {choosing ? (
          <Button variant="secondary" disabled={busy} onClick={() => void choose(picked)}>
            Save choices
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => setChoosing(true)}>
            Choose
          </Button>
        )}
      </div>
      <p className="small">
        <Link to={SETTINGS_PATH}>Cookie settings</Link> · <a href="/privacy#cookies">Cookies in our privacy policy</a>
      </p>
    </div>
  );
}
