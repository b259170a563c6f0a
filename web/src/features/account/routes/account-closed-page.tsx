import { Page, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { Link } from '../../../lib/router.js';
import { recallClosure } from '../api/account-api.js';

/** After closing: what the archive keeps and until when (the same list the e-mail gives). */
export function AccountClosedPage() {
  const closed = recallClosure();
  return (
    <Page title="Your account is closed" intro={closed ? <>Closed on {formatDate(closed.closedAt)}. You have been signed out.</> : null}>
      {closed ? (
        <Section title="What we keep, and until when" description="Archived as our privacy policy states, then erased. We have sent you this list by e-mail.">
          <ul className="plain-list" aria-label="Kept after closing">
            {closed.kept.map((k) => (
              <li key={k.category}>
                <strong>{k.label}</strong>: {k.until ? `until ${formatDate(k.until)}` : 'no date yet'} ({k.rule})
              </li>
            ))}
          </ul>
        </Section>
      ) : (
        <p>
          The list of what we keep was sent to you by e-mail. <Link to="/">Home</Link>
        </p>
      )}
    </Page>
  );
}
