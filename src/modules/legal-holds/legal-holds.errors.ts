import { AppError } from '../../platform/errors/index.js';

export const holdNotFound = (id: string) => new AppError('not_found', 'No legal hold has this id.', { holdId: id });
export const officersOnly = () => new AppError('forbidden', 'Only privacy officers open and release legal holds.');
