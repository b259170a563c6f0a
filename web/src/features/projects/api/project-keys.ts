/**
 * The cache keys of everything a project page shows. Each is its own key, not nested under the
 * project's, so a change refreshes only what it affects: staff reads are audited one by one.
 */
export const projectKeys = {
  list: () => ['projects'] as const,
  options: () => ['project-options'] as const,
  staff: () => ['project-staff'] as const,
  detail: (id: string) => ['project', id] as const,
  messages: (id: string) => ['project-messages', id] as const,
  files: (id: string) => ['project-files', id] as const,
  quotes: (id: string) => ['project-quotes', id] as const,
};
