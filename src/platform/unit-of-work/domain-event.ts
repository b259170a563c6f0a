/**
 * Something that happened in a domain that parties outside may have asked to hear of ("an order was
 * placed"). A module states it with `work.publish(event)` inside the change it describes; whoever the
 * app wires as the listener (the integrations module) records it in the same transaction, so an event
 * exists exactly when its change committed. The facts are named by registry table and column, so a
 * listener can keep only the fields whose categories a recipient may receive.
 */
export type DomainEvent = {
  /** Dotted, past tense: `order.placed`, `order.status_changed`, `project.status_changed`. */
  type: string;
  /** The person the event is about (their restriction and opt-outs apply), or null. */
  subjectId: string | null;
  /** The organisation it happened in, when there is one (its admins may connect systems too). */
  organisationId?: string | null;
  /** The row the event is about: its table in the registry, its id, and the columns it carries. */
  record: { table: string; id: string; fields: Record<string, unknown> };
};

/** Hears every published event inside the publishing work; the default hears nothing. */
export type DomainEventListener<W> = (work: W, event: DomainEvent) => Promise<void>;
