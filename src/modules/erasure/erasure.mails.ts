import { mailTemplate } from '../../platform/mail/index.js';

/** The one e-mail erasure sends: the certificate, to the address about to be erased. */
export const erasureMails = {
  certificate: mailTemplate('rights.erasure_certificate', (requestedBy: string, certificate: string, link: string) => ({
    subject: 'Your account is being erased: your erasure certificate',
    blocks: [
      `As ${requestedBy} asked, we are erasing your account now. This is the last e-mail we send to this address: it is erased next.`,
      certificate,
      { action: 'The certificate stays available (it names no one) at', url: link },
    ],
  })),
};
