import { createHash } from 'node:crypto';

export function hashEmailForThrottle(email: string): string {
  return createHash('sha256').update(`signin:${email.trim().toLowerCase()}`).digest('hex');
}

/** A coarse device identity for "new device" alerts: browser family and OS, not a fingerprint. */
export function describeDevice(userAgent: string | undefined): { label: string; hash: string } {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : /curl|node|undici/i.test(ua) ? 'Script' : 'Unknown browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X|Macintosh/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : 'unknown OS';
  const label = `${browser} on ${os}`;
  return { label, hash: createHash('sha256').update(label).digest('hex').slice(0, 32) };
}
