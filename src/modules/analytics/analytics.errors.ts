import { AppError } from '../../platform/errors/index.js';

export const analyticsErrors = {
  staffOnly: () => new AppError('forbidden', 'Only staff, privacy officers and admins see the analytics dashboard.'),
};
