import { mailTemplate } from '../../platform/mail/index.js';

/** The e-mail telling whoever asked for an export that it is ready. */
export const dataExportMails = {
  ready: mailTemplate('rights.export_ready', (hours: number, link: string) => ({
    subject: 'The data export you asked for is ready',
    blocks: [`The export is ready. Open this link within ${hours} hours, sign in, and download it from the page (the download works once):`, { action: 'Open the export', url: link }, 'If the link has expired, ask for a new one from the privacy page.'],
  })),
};
