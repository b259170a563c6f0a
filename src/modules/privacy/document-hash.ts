import { createHash } from 'node:crypto';

/**
 * The fingerprint of a published version: SHA-256 of its manifest exactly as published (the YAML
 * text stored, which a trigger keeps unchanged). Every rendering (HTML, Markdown, JSON) is made from
 * that text, so the hash names what a person was shown whatever the format.
 */
export function documentHash(yaml: string): string {
  return `sha256:${createHash('sha256').update(yaml, 'utf8').digest('hex')}`;
}
