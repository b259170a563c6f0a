/**
 * Polls (bounded) until `check` returns a value. Browser tests watch a live server whose own worker
 * runs the jobs, as in production, so they wait for the outcome; in-process tests drain the queue instead.
 */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 40_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}
