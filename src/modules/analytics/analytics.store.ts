import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { AnalyticsTables } from './analytics.tables.js';

type Db = Queryable<AnalyticsTables>;

export async function insertEvents(db: Db, rows: Insertable<AnalyticsTables['analytics_events']>[]) {
  if (rows.length) await db.insertInto('analytics_events').values(rows).execute();
}

const day = sql<string>`to_char(date_trunc('day', occurred_at at time zone 'UTC'), 'YYYY-MM-DD')`;

/** Visits (distinct sessions) and page views per day since `from`. */
export async function countsByDay(db: Db, from: Date) {
  return db
    .selectFrom('analytics_events')
    .select([day.as('day'), sql<string>`count(distinct session_id)`.as('visits'), sql<string>`count(*) filter (where kind = 'page_view')`.as('page_views')])
    .where('occurred_at', '>=', from)
    .groupBy(day)
    .orderBy(day)
    .execute();
}

export async function topPages(db: Db, from: Date, limit: number) {
  return db
    .selectFrom('analytics_events')
    .select(['path', sql<string>`count(*)`.as('views')])
    .where('kind', '=', 'page_view')
    .where('occurred_at', '>=', from)
    .groupBy('path')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('path')
    .limit(limit)
    .execute();
}

export async function featuresByDay(db: Db, from: Date) {
  return db
    .selectFrom('analytics_events')
    .select([day.as('day'), 'feature', sql<string>`count(*)`.as('uses')])
    .where('kind', '=', 'feature')
    .where('feature', 'is not', null)
    .where('occurred_at', '>=', from)
    .groupBy([day, 'feature'])
    .orderBy(day)
    .orderBy('feature')
    .execute();
}

/** Ended sessions with a duration since `from`, and their summed length (for the average). */
export async function averageSessionMs(db: Db, from: Date) {
  const row = await db
    .selectFrom('analytics_events')
    .select([sql<string>`count(duration_ms)`.as('sessions'), sql<string | null>`sum(duration_ms)`.as('total')])
    .where('kind', '=', 'session_end')
    .where('occurred_at', '>=', from)
    .executeTakeFirst();
  return { sessions: Number(row?.sessions ?? 0), totalMs: Number(row?.total ?? 0) };
}

type CountRow = Insertable<AnalyticsTables['analytics_daily_counts']>;

/** Cookieless mode: adds a batch to the day's totals (one row per day, kind, page and feature). */
export async function addToDailyCounts(db: Db, rows: CountRow[]) {
  for (const row of rows) {
    await db
      .insertInto('analytics_daily_counts')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['day', 'kind', 'path', 'feature']).doUpdateSet({
          events: sql`analytics_daily_counts.events + excluded.events`,
          duration_ms_sum: sql`analytics_daily_counts.duration_ms_sum + excluded.duration_ms_sum`,
        }),
      )
      .execute();
  }
}

/** The cookieless totals since `fromDay` (YYYY-MM-DD), for the dashboard to add to the per-visitor events. */
export async function dailyCountsSince(db: Db, fromDay: string) {
  return db.selectFrom('analytics_daily_counts').selectAll().where('day', '>=', fromDay).orderBy('day').execute();
}
