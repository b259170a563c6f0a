import { AppError } from '../errors/index.js';

/**
 * Refuses input fields whose category the privacy policy in force does not declare: such a field is
 * neither asked nor stored, and a client that sends one is told which policy category is missing.
 * `fields` maps each input field to its category (read from the module's personal-data.ts); a field
 * left out or null stores nothing, so it is not refused. Accounts' profile fields and projects' specifications use it.
 */
export function refuseUndeclaredFields(input: Record<string, unknown>, fields: Record<string, string>, isDeclared: (category: string) => boolean): void {
  const sent = Object.entries(fields)
    .filter(([field, category]) => input[field] !== undefined && input[field] !== null && !isDeclared(category))
    .map(([field, category]) => ({ field, category }));
  if (sent.length === 0) return;
  const one = sent.length === 1;
  throw new AppError(
    'unprocessable',
    `This installation's privacy policy does not declare ${sent.map((f) => `${f.field} (${f.category})`).join(', ')}, so ${one ? 'it is' : 'they are'} not collected: leave ${one ? 'it' : 'them'} out.`,
    {
      reason: 'fields_not_declared',
      fields: sent,
      errors: sent.map((f) => ({ path: `body.${f.field}`, message: `not collected: the privacy policy does not declare ${f.category}` })),
    },
  );
}
