import { AppError } from '../../platform/errors/index.js';

export const quotesErrors = {
  quoteNotFound: () => new AppError('not_found', 'No such quote.'),
  notOffered: (status: string) => new AppError('conflict', `This quote was already ${status}: only an open quote can be changed, accepted or declined.`, { status }),
  notQuotable: (status: string) =>
    new AppError('conflict', `A project that is ${status.replace('_', ' ')} cannot get a new quote; quotes are made before production starts.`, { status }),
  analysisPending: (names: string[]) =>
    new AppError('conflict', `We are still checking ${names.join(', ')}. Ask for the quote again in a minute.`, { files: names }),
  noSpecifications: () => new AppError('conflict', 'This project has no specifications (process, material, quantity) to price: it was opened while they were not asked.'),
  nothingToQuote: () => new AppError('conflict', 'This project has no usable 3D file yet: upload one (STL, OBJ, PLY, 3MF or glTF) and wait for its check.'),
  doesNotFit: (name: string, process: string, volume: { x: number; y: number; z: number }) =>
    new AppError(
      'unprocessable',
      `${name} does not fit the build volume of our ${process} machines (${volume.x} × ${volume.y} × ${volume.z} mm) in any orientation. Split the part, scale it down, or choose another process.`,
      { file: name, process, buildVolumeMm: volume },
    ),
  processNotOffered: (process: string) => new AppError('unprocessable', `We no longer offer ${process}; the staff on your project will suggest another process.`, { process }),
  materialNotOffered: (process: string, material: string) =>
    new AppError('unprocessable', `We no longer print ${material} with ${process}; the staff on your project will suggest another material.`, { process }),
  tooLargeToPrice: () => new AppError('unprocessable', 'This order is too large to price automatically; the staff on your project will quote it by hand.'),
  customerOnly: () => new AppError('forbidden', 'Only the customer of this project can accept or decline its quote.'),
};
