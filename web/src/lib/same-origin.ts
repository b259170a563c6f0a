/** Signed links carry the public origin; the app follows them on its own origin, where its session cookie lives. */
export function sameOriginPath(url: string): string {
  const parsed = new URL(url, window.location.origin);
  return parsed.pathname + parsed.search;
}
