import { AppError } from '../../platform/errors/index.js';

export const filesErrors = {
  fileNotFound: () => new AppError('not_found', 'No such file.'),
  previewNotFound: () => new AppError('not_found', 'This file has no preview: it was analysed before previews were made, or could not be analysed. The whole file can still be downloaded.'),
  reasonRequired: () =>
    new AppError('bad_request', 'Someone else uploaded this file: say why you delete it (reason, 1 to 500 characters); it is kept in the audit trail.', {
      errors: [{ path: 'body.reason', message: 'is required' }],
    }),
  mayNotDeleteOthersFiles: () => new AppError('forbidden', 'Only an admin may delete a file somebody else uploaded.'),
  uploadNotFound: () => new AppError('not_found', 'No such upload. It may have been cancelled; start the upload again.'),
  tooLarge: (size: number, max: number) =>
    new AppError('payload_too_large', `The file is ${size.toLocaleString('en-US')} bytes; the most this installation accepts is ${max.toLocaleString('en-US')} bytes.`, {
      size,
      maxBytes: max,
    }),
  badType: (name: string, allowed: readonly string[]) =>
    new AppError('unsupported_media_type', `"${name}" is not a file type we accept. Upload one of: ${allowed.map((e) => `.${e}`).join(', ')}.`, { allowed }),
  projectClosed: (status: string) => new AppError('conflict', `This project is ${status}: no more files can be added to it.`, { status }),
  uploadBusy: () => new AppError('conflict', 'Another request is writing to this upload right now. Wait a moment, ask for its offset (HEAD) and resume from there.'),
  wrongOffset: (expected: number, given: number) =>
    new AppError('conflict', `This upload continues at byte ${expected}, not ${given}; ask for its offset (HEAD) and resume from there.`, { expectedOffset: expected, offset: given }),
  alreadyComplete: () => new AppError('conflict', 'This upload is already complete: the file is in the project.'),
  pastEnd: (offset: number, length: number, declared: number) =>
    new AppError('bad_request', `This piece would end at byte ${offset + length}, past the ${declared} bytes the upload declared.`, { declaredLength: declared }),
  interrupted: () =>
    new AppError('bad_request', 'The connection broke before the piece sent with a checksum arrived whole; nothing of that piece was kept. Ask for the offset (HEAD) and send the rest again.'),
  sizeMismatch: (declared: number, actual: number) =>
    new AppError('unprocessable', `The upload declared ${declared} bytes but ${actual} arrived; upload the file again.`, { declared, actual }),
};
