export { createMailTransport, senderAddress, type MailTransport, type OutgoingMail, type Sender } from './mail-transport.js';
export { escapeHtml, renderLayout, textToHtml, type LayoutInput } from './mail-layout.js';
export { mailTemplate, mailTemplateKinds, type MailBlock, type MailContent, type MailTemplate, type RenderedMail } from './mail-template.js';
export type { MailMessage, MarketingTarget } from './mail-message.js';
