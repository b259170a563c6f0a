import { AppError } from '../../platform/errors/index.js';
import type { DefinitionProblem } from './check-definition.js';
import type { Problem } from '../../../packages/configurator-rules/src/index.js';

export const configuratorErrors = {
  productNotFound: () => new AppError('not_found', 'No such product.'),
  configurationNotFound: () => new AppError('not_found', 'No such configuration.'),
  shareNotFound: () => new AppError('not_found', 'This link does not exist or was revoked by whoever shared it.'),
  modelNotFound: () => new AppError('not_found', 'This product has no such model.'),
  notPublished: () => new AppError('conflict', 'This product is not offered at the moment: it cannot be configured or ordered.'),
  /** `errors` names each problem's field as a refused request body does (`body.rules.0.logic`). */
  badDefinition: (problems: DefinitionProblem[]) =>
    new AppError('unprocessable', `This product cannot be saved: ${problems.map((p) => p.message).join(' ')}`, {
      problems: problems.map((p) => p.message),
      errors: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    }),
  modelNotReady: (name: string) => new AppError('unprocessable', `The model ${name} has no preview to show yet: use a file that was analysed.`, { name }),
  /** The selection breaks a rule, names an unknown option or carries text that cannot be engraved. */
  refused: (problems: Problem[]) => new AppError('unprocessable', problems.map((p) => p.message).join(' '), { problems }),
};
