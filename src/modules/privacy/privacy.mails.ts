import { mailTemplate } from '../../platform/mail/index.js';

/** The templates of the e-mails the privacy module sends. */
export const privacyMails = {
  policyChanged: mailTemplate('privacy.policy_changed', (input: {
    name: string;
    operator: string;
    version: number;
    effectiveOn: string;
    reasons: string[];
    sentences: string[];
    historyUrl: string;
    policyUrl: string;
    asksConsent: boolean;
  }) => ({
    subject: `${input.operator} is changing its privacy policy`,
    greeting: `Hello ${input.name},`,
    blocks: [
      `We published version ${input.version} of our privacy policy. It takes effect on ${input.effectiveOn}.`,
      ['Why we are telling you:', ...input.reasons.map((r) => `- It ${r}.`)].join('\n'),
      ['What changed:', ...input.sentences.map((s) => `- ${s}`)].join('\n'),
      `Compare the versions: ${input.historyUrl}`,
      ...(input.asksConsent ? ['Some of the changes need your consent: we will ask you the next time you sign in. Until you agree, we do not use your data for them.'] : []),
      { action: 'The policy as it now reads', url: input.policyUrl },
    ],
  })),
};
