import { asRecord, type Entry, type SemanticIssue } from './raw-entries.js';

/** A purpose is about advertising when its id or name says so ("advertising", "interest_based_ads"). */
function isAdvertisingPurpose(purpose: Entry): boolean {
  const words = [purpose.value['id'], purpose.value['name']].filter((v): v is string => typeof v === 'string').join(' ');
  return /advertis/i.test(words) || /(^|[^a-z])ads?([^a-z]|$)/i.test(words);
}

/**
 * An advertising cookie needs the policy to declare advertising: a purpose for it, or sharing for
 * cross-context advertising. One set by another company shares data for cross-context advertising.
 */
export function checkAdvertising(root: Record<string, unknown>, cookies: Entry[], purposes: Entry[]): SemanticIssue[] {
  const advertisingCookies = cookies.filter(({ value }) => value['category'] === 'advertising');
  if (advertisingCookies.length === 0) return [];
  const sharing = asRecord(root['sale_and_sharing']);
  const shares = sharing?.['shares_for_cross_context_advertising'];
  const declaresAdvertising = shares === true || purposes.some(isAdvertisingPurpose);
  const operatorName = asRecord(root['operator'])?.['name'];
  const issues: SemanticIssue[] = [];
  for (const { index, value } of advertisingCookies) {
    const name = String(value['name']);
    if (!declaresAdvertising) {
      issues.push({
        path: ['cookies', index, 'category'],
        message: `advertising cookie "${name}" is set, but the policy declares no advertising: add a purpose for it (its id or name saying advertising, with its legal basis) or correct the cookie's category`,
      });
    }
    if (shares === false && value['provider'] !== operatorName) {
      issues.push({
        path: ['cookies', index, 'provider'],
        message: `advertising cookie "${name}" is set by ${String(value['provider'])}, which shares data for cross-context advertising: set sale_and_sharing.shares_for_cross_context_advertising to true`,
      });
    }
  }
  return issues;
}

/**
 * A business that sells or shares personal data must treat a Global Privacy Control signal as an
 * opt-out (CCPA Regulations, 11 CCR § 7025(b); Colorado Privacy Act Rules 5.08 likewise).
 */
export function checkOptOutSignals(root: Record<string, unknown>): SemanticIssue[] {
  const sharing = asRecord(root['sale_and_sharing']);
  if (!sharing || sharing['honours_gpc'] !== false) return [];
  const what = [sharing['sells_personal_data'] === true ? 'sells personal data' : '', sharing['shares_for_cross_context_advertising'] === true ? 'shares it for cross-context advertising' : '']
    .filter(Boolean)
    .join(' and ');
  if (!what) return [];
  return [{
    path: ['sale_and_sharing', 'honours_gpc'],
    message: `the policy ${what} but does not honour Global Privacy Control: a business that sells or shares must treat the signal as an opt-out (11 CCR § 7025(b)); set honours_gpc to true`,
  }];
}
