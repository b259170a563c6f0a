import { AppError } from '../../platform/errors/index.js';
import type { ProjectStatus } from './projects.tables.js';

export const projectsErrors = {
  // One answer for "does not exist" and "not yours": a project's existence is not revealed.
  projectNotFound: () => new AppError('not_found', 'No such project.'),
  illegalTransition: (from: ProjectStatus, to: ProjectStatus, allowed: readonly ProjectStatus[]) =>
    new AppError(
      'conflict',
      `A project that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}. ${allowed.length ? `Next it can become: ${allowed.join(', ')}.` : 'It is closed.'}`,
      { from, to, allowed },
    ),
  notByHand: (to: ProjectStatus) =>
    new AppError(
      'conflict',
      to === 'quoted' ? 'A project becomes quoted when a quote is issued: request a quote instead.' : 'A project goes into production when its customer accepts a quote.',
      { to },
    ),
  customerMayOnlyCancel: () => new AppError('forbidden', 'Customers can cancel their project; the other status changes are made by the staff working on it.'),
  closed: (status: ProjectStatus) => new AppError('conflict', `This project is ${status}: it can no longer change.`, { status }),
  staffOnly: () => new AppError('forbidden', 'Only the staff working on this project can do this.'),
  unknownProcess: (process: string, offered: string[]) =>
    new AppError('bad_request', `We do not offer the process ${process}. Choose one of: ${offered.join(', ')}.`, { process, offered }),
  unknownMaterial: (process: string, material: string, offered: string[]) =>
    new AppError('bad_request', `${material} is not a material we print with ${process}. Choose one of: ${offered.join(', ')}.`, { process, offered }),
  notStaff: () => new AppError('unprocessable', 'Only an account with the staff role can be assigned to a project. Give the person the staff role first.'),
  notAssigned: () => new AppError('not_found', 'This person is not assigned to this project.'),
  specificationsRequired: (missing: string[]) =>
    new AppError('bad_request', `A project needs its specifications: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required.`, {
      errors: missing.map((field) => ({ path: field, message: 'is required' })),
    }),
  notificationNotFound: () => new AppError('not_found', 'No such notification.'),
};
