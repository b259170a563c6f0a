import type { ReactNode } from 'react';

export type RecordColumn<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell that names the record (a row header for screen readers). */
  rowHeader?: boolean;
};

type Props<T> = {
  /** Read by screen readers only. */
  caption: string;
  columns: RecordColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  compact?: boolean;
  /** Name each cell by its column on narrow screens, where the rows stack. */
  labelled?: boolean;
};

/**
 * A list of records as one table: a hidden caption, a header per column and a row per record. The
 * recorded-choices histories and the members' requests list share it.
 */
export function RecordTable<T>({ caption, columns, rows, rowKey, compact = false, labelled = false }: Props<T>) {
  return (
    <div className="table-wrap">
      <table className={compact ? 'table table-compact' : 'table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => {
                const label = labelled ? c.header : undefined;
                return c.rowHeader ? (
                  <th scope="row" key={c.header} data-label={label}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} data-label={label}>
                    {c.cell(row)}
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
