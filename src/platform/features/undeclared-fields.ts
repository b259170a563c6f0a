import { AppError } from '../errors/index.js';

/**
 * Refuses input fields whose category the privacy policy in force does not declare: such a field is
 * neither asked nor stored, and a client that sends one is told which policy category is missing.
 * `fields` maps each input field to its category (read from the module's personal-data.ts).
 */
export function refuseUndeclaredFields(input: Record<string, unknown>, fields: Record<string, string>, declared: ReadonlySet<string>): void {
  const sent = Object.entries(fields).filter(([field, category]) => !declared.has(category) && input[field] !== undefined && input[field] !== null);
  if (sent.length === 0) return;
  const categories = [...new Set(sent.map(([, category]) => category))];
  throw new AppError(
    'unprocessable',
    `This installation's privacy policy does not declare ${categories.join(', ')}, so it neither asks for nor stores ${sent.map(([f]) => f).join(', ')}. Leave ${sent.length === 1 ? 'it' : 'them'} out.`,
    { errors: sent.map(([field, category]) => ({ path: field, message: `not collected: the privacy policy does not declare ${category}` })), categories },
  );
}
