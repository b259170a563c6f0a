import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { createCannedReply, deleteCannedReply, listCannedReplies } from './canned-replies.js';
import { confirmContact } from './confirm-contact.js';
import { contactFormOptions } from './contact-form-options.js';
import { listMyTickets, readMyTicket } from './my-tickets.js';
import { openAttachment } from './open-attachment.js';
import { postCustomerMessage, postStaffMessage } from './post-message.js';
import { receiveMail } from './receive-mail.js';
import { issueChallenge } from './spam-challenge.js';
import { changeTicket, listInbox, listStaff, readTicket } from './staff-inbox.js';
import { submitContact } from './submit-contact.js';
import type { SupportDeps } from './support.deps.js';
import { turnIntoPrivacyRequest } from './to-privacy-request.js';

export const supportUseCases = {
  contactFormOptions,
  issueChallenge,
  submitContact,
  confirmContact,
  listInbox,
  readTicket,
  changeTicket,
  listStaff,
  postStaffMessage,
  postCustomerMessage,
  listMyTickets,
  readMyTicket,
  openAttachment,
  listCannedReplies,
  createCannedReply,
  deleteCannedReply,
  turnIntoPrivacyRequest,
  receiveMail,
};

export type SupportService = BoundUseCases<SupportDeps, typeof supportUseCases>;
