import type { ReactNode } from 'react';
import { loadError } from '../lib/query.js';
import { FormAlert } from './alerts.js';
import { Loading } from './page.js';
import { RecordTable, type RecordColumn } from './record-table.js';

export type DataColumn<T> = RecordColumn<T>;

type DataTableProps<T> = {
  query: { data: readonly T[] | undefined; isPending: boolean; error: unknown };
  columns: ReadonlyArray<DataColumn<T>>;
  rowKey: (row: T) => string;
  loadingLabel: string;
  /** Shown when the list is empty; nothing when omitted. */
  empty?: ReactNode;
  caption?: string;
  framed?: boolean;
};

/**
 * A list the API returns, as a table with its states: loading, the load's error, empty, and the rows.
 * `framed` puts it in a card of its own (a page's list); without, it sits in the section around it.
 */
export function DataTable<T>({ framed = true, ...props }: DataTableProps<T>) {
  // The alert's slot is there from the start, so a failed load is announced when it comes.
  return (
    <>
      <FormAlert message={loadError(props.query)} />
      <TableState {...props} framed={framed} />
    </>
  );
}

function TableState<T>({ query, columns, rowKey, loadingLabel, empty, caption, framed }: DataTableProps<T>) {
  const rows = query.data;
  if (query.error) return null;
  if (query.isPending || !rows) return <Loading label={loadingLabel} />;
  if (rows.length === 0) return empty ? <p className={framed ? 'card muted' : 'muted'}>{empty}</p> : null;
  return <RecordTable caption={caption} columns={columns} rows={rows} rowKey={(row) => rowKey(row)} framed={framed ?? true} />;
}
