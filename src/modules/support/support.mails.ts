import { mailTemplate } from '../../platform/mail/index.js';

/** The templates of the e-mails the support desk sends, one per kind. Replies go to the ticket's own address. */
export const supportMails = {
  /** A message was received (by the form, once its address is confirmed, or by e-mail); `subject` answers an e-mail's own. */
  ticketReceived: mailTemplate('support.ticket_received', (input: { subject?: string; addressConfirmed?: boolean; ticketUrl: string | null }) => ({
    subject: input.subject ?? 'We received your message',
    blocks: [
      input.addressConfirmed
        ? 'Thank you: your address is confirmed and our support team will answer you by e-mail. To add something, reply to this e-mail.'
        : 'Thank you for writing to us. We received your message and will answer as soon as we can; to add something, reply to this e-mail.',
      ...(input.ticketUrl ? [{ action: 'Follow the conversation in your account', url: input.ticketUrl }] : []),
    ],
  })),
  confirmAddress: mailTemplate('support.confirm_address', (hours: number, link: string) => ({
    subject: 'Please confirm your message to us',
    blocks: [`Someone, hopefully you, sent us a message from this address. Confirm it within ${hours} hours so that our support team sees it:`, { action: 'Confirm my message', url: link }, 'If it was not you, ignore this e-mail: the message will not be read.'],
  })),
  /** A staff member's answer: their words, written by a person (not marked automatic). */
  reply: mailTemplate('support.reply', (body: string, ticketUrl: string | null) => ({
    subject: 'Re: your message to our support team',
    blocks: [body],
    footer: ['Reply to this e-mail to answer.', ...(ticketUrl ? [{ action: 'The conversation is also in your account', url: ticketUrl }] : [])],
  })),
  privacyRequestFiled: mailTemplate('support.privacy_request_filed', (input: { receivedOn: string; kind: string; dueOn: string; orgName: string | null }) => ({
    subject: 'We are handling your message as a request about your data',
    blocks: [
      `We read your message of ${input.receivedOn} as a request about your data (${input.kind}). Our privacy team handles it and answers by ${input.dueOn} at the latest.`,
      ...(input.orgName ? [`Your account belongs to ${input.orgName}: as our privacy policy says, its administrators can see this request and its status.`] : []),
    ],
  })),
};
