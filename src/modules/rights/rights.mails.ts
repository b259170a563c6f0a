import { mailTemplate } from '../../platform/mail/index.js';

/** The e-mails the rights module sends for organisation admins acting on their members. */
export const rightsMails = {
  memberExportNotice: mailTemplate('rights.member_export_notice', (orgName: string) => ({
    subject: `An administrator of ${orgName} asked for a copy of your data`,
    blocks: [
      `An administrator of ${orgName}, the organisation your account belongs to, asked for an export of the data we hold about your account. Organisation administrators may do this (see our privacy policy).`,
      'You can ask for your own copy on your privacy page.',
    ],
  })),
};
