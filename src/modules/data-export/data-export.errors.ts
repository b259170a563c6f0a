import { AppError } from '../../platform/errors/index.js';

export const dataExportErrors = {
  exportNotFound: () => new AppError('not_found', 'No such export.'),
  exportNotReady: () => new AppError('conflict', 'This export is not ready yet. Wait for the e-mail that says it is, then use its link.'),
  badExportLink: () => new AppError('forbidden', 'This download link is not valid. Ask for a new link from your privacy page.'),
  usedExportLink: () => new AppError('gone', 'This download link was already used or has expired. Ask for a new link from your privacy page.'),
};
