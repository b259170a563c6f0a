import { escapeHtml } from '../../platform/mail/index.js';

const CHANNEL_WORDS: Record<string, string> = { email: 'by e-mail', sms: 'by SMS', phone: 'by phone', post: 'by post', in_app: 'in the app' };

type Shown = { operatorName: string; topicName: string; channel: string };

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#18181b;line-height:1.5}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #18181b;background:#18181b;color:#fff;cursor:pointer}a{color:#1d4ed8}</style>
</head><body><main>${body}</main></body></html>`;
}

/** The GET page: it changes nothing (mail scanners open links); the button POSTs the one-click form. */
export function confirmPage(shown: Shown): string {
  const what = `${escapeHtml(shown.topicName)} ${CHANNEL_WORDS[shown.channel] ?? ''}`;
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1>
<p>Stop receiving <strong>${what}</strong> from ${escapeHtml(shown.operatorName)}?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>
<p><a href="/account/marketing">Choose what you receive</a></p>`,
  );
}

export function donePage(shown: Shown): string {
  return page(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1>
<p role="status">You will no longer receive ${escapeHtml(shown.topicName)} ${CHANNEL_WORDS[shown.channel] ?? ''} from ${escapeHtml(shown.operatorName)}.</p>
<p><a href="/account/marketing">Choose what you receive</a></p>`,
  );
}

export function invalidPage(): string {
  return page('Link not valid', '<h1>This link is not valid</h1><p>It may have been copied incompletely. You can choose what you receive on your <a href="/account/marketing">preferences page</a>.</p>');
}
