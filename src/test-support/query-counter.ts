import type { KyselyPlugin } from 'kysely';
import type { DatabaseHandle } from '../platform/db/index.js';

/** How many statements an app sent to its database: a count, not a timing, so tests may assert it. */
export type QueryCounter = {
  /** Every statement sent since the counter was made (Kysely queries and raw SQL alike). */
  readonly total: number;
  /** The statements `act` sends, and what it returns. */
  during<T>(act: () => Promise<T>): Promise<{ queries: number; result: T }>;
};

/** The handle, sending everything through as before, and a counter of what it sends. */
export function countQueries<DB>(handle: DatabaseHandle<DB>): { handle: DatabaseHandle<DB>; counter: QueryCounter } {
  let total = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      total++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const counter: QueryCounter = {
    get total() {
      return total;
    },
    during: async (act) => {
      const before = total;
      const result = await act();
      return { queries: total - before, result };
    },
  };
  const executeSql: DatabaseHandle<DB>['executeSql'] = (text, values) => {
    total++;
    return handle.executeSql(text, values);
  };
  return { handle: { ...handle, db: handle.db.withPlugin(plugin), executeSql }, counter };
}
