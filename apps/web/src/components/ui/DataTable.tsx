import type { ReactNode } from 'react';

/**
 * A table of records: a scrolling wrapper, the column headings (false = a column hidden here) and
 * the rows the caller renders.
 */
export function DataTable({
  columns,
  className = 'card overflow-x-auto',
  testId,
  children,
}: {
  columns: readonly (string | false)[];
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) =>
              column === false ? null : (
                <th key={column} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
