import { AppError } from '../../platform/errors/index.js';

export const marketingErrors = {
  notOffered: (target: { purpose: string; topic: string; channel: string }) =>
    new AppError('unprocessable', `The privacy policy offers no marketing "${target.purpose}" topic "${target.topic}" on channel "${target.channel}".`, { target }),
  campaignNotFound: () => new AppError('not_found', 'No such campaign.'),
  notDraft: () => new AppError('conflict', 'This campaign is already being sent or was sent; it can no longer be changed.'),
  notAList: () => new AppError('conflict', 'Only phone and post campaigns produce a call or mailing list; e-mail and SMS campaigns are sent.'),
  notSent: () => new AppError('conflict', 'Phone and post campaigns are not sent by the system: download their call or mailing list instead.'),
  noSmsProvider: () => new AppError('conflict', 'No SMS provider is configured (MESHVAULT_SMS_URL), so SMS campaigns cannot be sent.'),
  noAdsChoice: () => new AppError('unprocessable', 'The privacy policy in force has no interest-based advertising to opt out of.'),
  postalAddressNeeded: () => new AppError('unprocessable', 'To receive our mail by post, give the postal address to send it to.', { field: 'postalAddress' }),
  postalAddressWithoutPost: () =>
    new AppError('unprocessable', 'A postal address is asked only of people who tick a box to receive something by post: tick one, or leave the address out.', { field: 'postalAddress' }),
  postalAddressNotAsked: () => new AppError('unprocessable', 'The privacy policy in force does not ask for a postal address: we send nothing by post.', { field: 'postalAddress' }),
  orgAdminsNotGranted: () => new AppError('forbidden', 'The privacy policy in force does not let organisation administrators see their members’ marketing choices.'),
};
