import { mailTemplate } from '../../platform/mail/index.js';

/** What the customer is told about a model's analysis (an in-app notification, not e-mailed). */
export const filesMails = {
  analysed: mailTemplate('files.analysed', (fileName: string, triangles: number, watertight: boolean) => ({
    subject: `${fileName} is ready`,
    blocks: [`We checked ${fileName}: ${triangles.toLocaleString('en-US')} triangles${watertight ? ', watertight' : ', not watertight'}. You can now ask for a quote.`],
  })),
  rejected: mailTemplate('files.rejected', (fileName: string, reason: string) => ({
    subject: `We could not use ${fileName}`,
    blocks: [`We could not read ${fileName}: ${reason}`],
  })),
};
