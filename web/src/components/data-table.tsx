import type { ReactNode } from 'react';
import { loadError } from '../lib/query.js';
import { FormAlert } from './alerts.js';
import { Loading } from './page.js';

/** One column: its header (hidden headers still name the column for screen readers) and each row's cell. */
export type DataColumn<T> = {
  header: string;
  /** The header is read out but not shown (an actions column). */
  hiddenHeader?: boolean;
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
  cell: (row: T) => ReactNode;
};

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
  return (
    <div className={framed ? 'card table-wrap' : 'table-wrap'}>
      <table className="table">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.hiddenHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => {
                const className = [column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim() || undefined;
                return column.rowHeader ? (
                  <th key={column.header} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
