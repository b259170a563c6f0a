import { AppError } from '../../platform/errors/index.js';
import type { ProcessingKind } from './egress.tables.js';

/**
 * Why data may not leave. Each refusal names itself in `details.refusal`, so callers (and tests) can
 * tell them apart; none carries a personal value. Mismatches with the manifest are 422, the person's
 * own choices (restriction, opt-out, no consent) 403.
 */
export const egressErrors = {
  processingRestricted: (kind: ProcessingKind | 'all') =>
    new AppError(
      'forbidden',
      kind === 'all'
        ? 'This person has restricted the processing of their data: it may only be stored, and handed over only where the law requires it, until they lift the restriction.'
        : `This person has restricted the processing of their data (${kind}): it must not be used for this until they lift the restriction.`,
      { refusal: 'restricted', kind },
    ),
  undeclaredRecipient: (id: string, known: string[]) =>
    new AppError(
      'unprocessable',
      `The privacy manifest names no recipient "${id}"${known.length ? ` (it names: ${known.join(', ')})` : ''}. Hand data only to recipients the policy declares, publish a policy that declares this one first, or — for a disclosure the law requires — give its legal basis.`,
      { refusal: 'undeclared_recipient', recipient: id },
    ),
  outsidePolicyNotRequired: (id: string) =>
    new AppError('unprocessable', `"${id}" is not a recipient of the privacy policy: only a disclosure the law requires may go to a recipient outside it, with its legal basis.`, {
      refusal: 'undeclared_recipient',
      recipient: id,
    }),
  undeclaredCategories: (categories: string[]) =>
    new AppError('unprocessable', `The privacy manifest does not declare ${categories.join(', ')}; name the categories as the policy does.`, { refusal: 'undeclared_category', categories }),
  categoriesNotForRecipient: (recipient: string, categories: string[]) =>
    new AppError('unprocessable', `The privacy manifest does not allow handing ${categories.join(', ')} to ${recipient}; nothing was handed over.`, {
      refusal: 'category_not_for_recipient',
      recipient,
      categories,
    }),
  undeclaredPurpose: (id: string, known: string[]) =>
    new AppError('unprocessable', `The privacy manifest names no purpose "${id}" (it names: ${known.join(', ')}); nothing was handed over.`, { refusal: 'undeclared_purpose', purpose: id }),
  categoriesNotInPurpose: (purpose: string | null, categories: string[]) =>
    new AppError(
      'unprocessable',
      purpose
        ? `The purpose "${purpose}" of the privacy manifest does not use ${categories.join(', ')}; nothing was handed over.`
        : `No purpose of the privacy manifest uses ${categories.join(', ')} together; nothing was handed over.`,
      { refusal: 'category_not_in_purpose', purpose, categories },
    ),
  consentMissing: (purpose: string) =>
    new AppError('forbidden', `The purpose "${purpose}" needs the person's consent, and they have not given it; nothing was handed over.`, { refusal: 'consent_missing', purpose }),
  kindNeedsConsent: (kind: ProcessingKind) =>
    new AppError('forbidden', `The privacy policy bases ${kind} on consent, and this person or visitor has not given it (or withdrew it); nothing was done.`, { refusal: 'consent_missing', kind }),
  optedOutOfSaleAndSharing: () =>
    new AppError('forbidden', 'This person opted out of the sale and sharing of their data and of targeted advertising (a Global Privacy Control signal or their own choice); nothing was done.', {
      refusal: 'opted_out_sale_sharing',
    }),
  marketingNotAllowed: (target: { purpose: string; topic: string; channel: string }) =>
    new AppError('forbidden', `This person is not opted in to "${target.topic}" by ${target.channel} (or opted out, restricted processing or sent Global Privacy Control since); nothing was sent.`, {
      refusal: 'marketing_not_allowed',
      ...target,
    }),
  nothingToHandOver: () => new AppError('unprocessable', 'Nothing is left to hand over once the fields the policy does not allow are removed.', { refusal: 'nothing_left' }),
};
