export { actorOf, byPrincipal, CLI_ACTOR, SYSTEM_ACTOR, ZActor, type TActor, type Who } from './actor.js';
export type { AuditNote, TAuditEntryInput } from './audit-entry.js';
export { createUnitOfWork, type UnitOfWork, type UnitOfWorkDeps, type Work } from './unit-of-work.js';
