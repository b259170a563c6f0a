import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';

export type ConsentState = ResponseOf<'/api/consent'>;
export type NoticeCategory = ConsentState['notice']['categories'][number];
export type Choice = RequestOf<'/api/consent', 'post'>;

/** The notice in force and this visitor's or person's choices (the server knows which from the cookies). */
export { consentQuery } from '../../../lib/consent.js';

export const chooseConsent = (choice: Choice) => body(apiClient.POST('/api/consent', { body: choice }));

/** navigator.globalPrivacyControl: the browser's own opt-out of sale, sharing and targeted advertising. */
export function browserSendsGpc(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

export const optionalCategories = (state: ConsentState) => state.notice.categories.filter((c) => !c.required);

/** Whether GPC keeps a category off whatever is ticked (advertising, where the policy honours it). */
export const blockedByGpc = (state: ConsentState, category: NoticeCategory['id']) => category === 'advertising' && state.notice.gpcHonoured && (state.gpc || browserSendsGpc());

/** Every optional category set to `value`, except what GPC keeps off. */
export function allCategories(state: ConsentState, value: boolean): Record<string, boolean> {
  return Object.fromEntries(optionalCategories(state).map((c) => [c.id, value && !blockedByGpc(state, c.id)]));
}

export function choiceOf(state: ConsentState, method: Choice['method'], categories: Record<string, boolean>, purposes?: Record<string, boolean>): Choice {
  return { method, policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories, gpc: browserSendsGpc(), ...(purposes ? { purposes } : {}) };
}
