/**
 * This tab's sessionStorage, or null where the browser refuses the site storage (touching it then
 * throws). Writing may still throw when it is full.
 */
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
