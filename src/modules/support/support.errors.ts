import { AppError } from '../../platform/errors/index.js';

export const supportErrors = {
  ticketNotFound: () => new AppError('not_found', 'No support ticket has this id, or it is not yours.'),
  attachmentNotFound: () => new AppError('not_found', 'No attachment has this id, or it is not yours.'),
  cannedReplyNotFound: () => new AppError('not_found', 'No canned reply has this id.'),
  staffOnly: () => new AppError('forbidden', 'Only support staff work on tickets.'),
  officersOnly: () => new AppError('forbidden', 'Only privacy officers turn a ticket into a privacy request.'),
  challengeMissing: () => new AppError('bad_request', 'Solve the spam check (the form does it for you) before sending.', { reason: 'challenge_failed', errors: [{ path: 'body.challenge', message: 'not solved' }] }),
  challengeFailed: (why: string) => new AppError('bad_request', `The spam check failed (${why}): load the form again and send it.`, { reason: 'challenge_failed' }),
  badConfirmLink: () => new AppError('bad_request', 'This confirmation link is not valid or has expired: send the form again.'),
  tooManyAttachments: (max: number) => new AppError('payload_too_large', `At most ${max} attachments per message.`),
  attachmentTooLarge: (name: string, max: number) => new AppError('payload_too_large', `The attachment ${name} is larger than ${Math.floor(max / 1024)} KiB.`),
  badAttachment: () => new AppError('bad_request', 'An attachment is not valid base64.'),
  alreadyRequest: () => new AppError('conflict', 'This ticket was already turned into a privacy request.'),
  closed: () => new AppError('conflict', 'This ticket is closed: write to us again through the contact form.'),
};
