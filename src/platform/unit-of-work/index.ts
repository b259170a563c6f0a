export { actorOf, byPrincipal, CLI_ACTOR, SYSTEM_ACTOR, ZActor, type TActor, type Who } from './actor.js';
export type { AuditNote, TAuditEntryInput } from './audit-entry.js';
export { bindUseCases, type BoundUseCases } from './bind-use-cases.js';
export { createUnitOfWork, tablesOf, type UnitOfWork, type UnitOfWorkDeps, type Work } from './unit-of-work.js';
export type { DomainEvent, DomainEventListener } from './domain-event.js';
export { makeStatementChange, type StatementChange } from './statement-change.js';
