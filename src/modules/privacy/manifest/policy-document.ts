/**
 * The rendered policy is built once as this neutral document and then written as Markdown or HTML,
 * so both formats state exactly the same facts in the same words.
 */
export type Inline =
  | string
  | { readonly kind: 'link'; readonly text: string; readonly href: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string };

export type Cell = readonly Inline[];

export type Block =
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'table'; readonly caption: string; readonly headers: readonly string[]; readonly rows: readonly (readonly Cell[])[] };

export interface PolicySection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface PolicyDocument {
  readonly title: string;
  readonly language: string;
  readonly lastUpdated: string;
  readonly version: string;
  readonly sections: readonly PolicySection[];
}

export interface PolicyMeta {
  /** Calendar date (YYYY-MM-DD) or Date of the version being rendered. */
  readonly lastUpdated: string | Date;
  readonly version: string;
}

export function formatPolicyDate(date: string | Date): string {
  const value = typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date;
  if (Number.isNaN(value.getTime())) return String(date);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

export function inlineText(content: readonly Inline[]): string {
  return content.map((part) => (typeof part === 'string' ? part : part.text)).join('');
}
