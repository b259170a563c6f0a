/** jsonb comes back parsed from PostgreSQL and PGlite alike; a string is tolerated for safety. */
export function readJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
