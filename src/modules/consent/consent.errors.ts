import { AppError } from '../../platform/errors/index.js';

export const consentErrors = {
  noticeChanged: () =>
    new AppError('conflict', 'The cookie notice changed while you were reading it (a new privacy policy is in force). Nothing was recorded: reload the page and choose again.', { reason: 'notice_changed' }),
  unknownCategories: (unknown: string[], known: string[]) =>
    new AppError('bad_request', `Unknown cookie categories: ${unknown.join(', ')}. This site asks about: ${known.join(', ') || 'none'}.`, { categories: unknown }),
  unknownPurposes: (unknown: string[], known: string[]) =>
    new AppError('bad_request', `Unknown purposes: ${unknown.join(', ')}. The policy in force asks consent for: ${known.join(', ') || 'none'}.`, { purposes: unknown }),
  purposesNeedAccount: () => new AppError('bad_request', 'Consent to purposes is given by a signed-in person; sign in, or choose cookie categories only.'),
  noSubject: () =>
    new AppError('bad_request', 'This site cannot remember a choice for you: its policy declares no cookie to keep it in (mv_consent), and you are not signed in. Sign in to record your choice.', { reason: 'no_subject' }),
};
