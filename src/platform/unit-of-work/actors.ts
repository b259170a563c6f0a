/**
 * Who did something: a signed-in person, the system (jobs, start-up), or the operator's CLI. Plain
 * values (actor.ts holds their schema) so a CLI command can name its actor without loading zod.
 */
export type TActor = { id: string | null; role: string };

export const SYSTEM_ACTOR: TActor = { id: null, role: 'system' };
export const CLI_ACTOR: TActor = { id: null, role: 'operator-cli' };
