/** The texts of the e-mails the privacy module sends. */
export const privacyMails = {
  policyChanged: (input: {
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
    kind: 'privacy.policy_changed',
    subject: `${input.operator} is changing its privacy policy`,
    text: [
      `Hello ${input.name},`,
      '',
      `We published version ${input.version} of our privacy policy. It takes effect on ${input.effectiveOn}.`,
      '',
      'Why we are telling you:',
      ...input.reasons.map((r) => `- It ${r}.`),
      '',
      'What changed:',
      ...input.sentences.map((s) => `- ${s}`),
      '',
      `Compare the versions: ${input.historyUrl}`,
      ...(input.asksConsent ? ['', 'Some of the changes need your consent: we will ask you the next time you sign in. Until you agree, we do not use your data for them.'] : []),
      '',
      `The policy as it now reads: ${input.policyUrl}`,
    ].join('\n'),
  }),
};
