import { mailTemplate } from '../../platform/mail/index.js';

/** The templates of the e-mails the data-rights request queue sends, one per kind. `what` is the request's kind in words. */
export const rightsRequestsMails = {
  verify: mailTemplate('rights.request_verify', (input: { agentName: string | null; what: string; hours: number; link: string }) => ({
    subject: 'Please confirm your request about your data',
    blocks: [
      `${input.agentName ? `${input.agentName} asked us, on your behalf,` : 'You asked us'} to act on your data (${input.what}). Before we do anything, confirm that this is you and that you want it, within ${input.hours} hours:`,
      { action: 'Confirm the request', url: input.link },
      'If you did not ask for this, ignore this e-mail: nothing will happen.',
    ],
  })),
  agentReceived: mailTemplate('rights.request_agent_received', (personName: string, dueOn: string) => ({
    subject: "We received the request you sent on someone's behalf",
    blocks: [`We received your request for ${personName}. We have asked them to confirm it by e-mail; we act on it once they have. We answer by ${dueOn}.`],
  })),
  extended: mailTemplate('rights.request_extended', (what: string, receivedOn: string, reason: string, dueOn: string) => ({
    subject: 'We need more time to answer your request',
    blocks: [`We need more time to answer your request (${what}), received on ${receivedOn}.`, `Why: ${reason}`, `We will answer by ${dueOn}.`],
  })),
  denied: mailTemplate('rights.request_denied', (what: string, receivedOn: string, reason: string) => ({
    subject: 'Our answer to your request',
    blocks: [`We cannot do what you asked (${what}), received on ${receivedOn}.`, `Why: ${reason}`, 'You may complain to a data-protection authority if you disagree.'],
  })),
  completed: mailTemplate('rights.request_completed', (what: string, receivedOn: string, answer: string) => ({
    subject: 'Your request is done',
    blocks: [`We have done what you asked (${what}), received on ${receivedOn}.`, answer],
  })),
  reminder: mailTemplate('rights.request_reminder', (due: Array<{ id: string; kind: string; dueOn: string; daysLeft: number }>, queueUrl: string) => ({
    subject: `Data-rights requests due soon (${due.length})`,
    blocks: [
      [
        `${due.length} data-rights request${due.length === 1 ? '' : 's'} need${due.length === 1 ? 's' : ''} an answer soon:`,
        ...due.map((d) => `- ${d.kind} request ${d.id}: due ${d.dueOn} (${d.daysLeft < 0 ? `${-d.daysLeft} days overdue` : `${d.daysLeft} days left`})`),
      ].join('\n'),
      { action: 'Open the queue', url: queueUrl },
    ],
  })),
};
