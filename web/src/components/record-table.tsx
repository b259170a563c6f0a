import type { ReactNode } from 'react';

/** One column: its header (a hidden header still names the column for screen readers) and each row's cell. */
export type RecordColumn<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell that names the record (a row header for screen readers). */
  rowHeader?: boolean;
  /** The header is read out but not shown (an actions column). */
  hiddenHeader?: boolean;
  numeric?: boolean;
  className?: string;
};

type Props<T> = {
  /** Read by screen readers only. */
  caption?: string | undefined;
  columns: ReadonlyArray<RecordColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  compact?: boolean;
  /** Name each cell by its column on narrow screens, where the rows stack. */
  labelled?: boolean;
  /** In a card of its own (a page's list) rather than in the section around it. */
  framed?: boolean;
};

const cellClass = (c: RecordColumn<unknown>) => [c.numeric ? 'numeric' : '', c.className ?? ''].join(' ').trim() || undefined;

/**
 * A list of records as one table: a hidden caption, a header per column and a row per record. The
 * recorded-choices histories and the members' requests list use it as it is; DataTable adds a
 * loaded list's states around it.
 */
export function RecordTable<T>({ caption, columns, rows, rowKey, compact = false, labelled = false, framed = false }: Props<T>) {
  return (
    <div className={framed ? 'card table-wrap' : 'table-wrap'}>
      <table className={compact ? 'table table-compact' : 'table'}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header} className={c.numeric ? 'numeric' : undefined}>
                {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => {
                const label = labelled ? c.header : undefined;
                const className = cellClass(c as RecordColumn<unknown>);
                return c.rowHeader ? (
                  <th scope="row" key={c.header} data-label={label} className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} data-label={label} className={className}>
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
