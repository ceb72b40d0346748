/**
 * The statistics pages' figure blocks: an accessible table (one row a thing, one column a figure) and,
 * for received/open figures, the same rows as a bar chart above it (the chart is a picture; the table
 * holds the figures for everyone).
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { BarChart } from './charts';

export interface Column<R> {
  label: string;
  cell: (row: R) => ComponentChildren;
}

interface TableProps<R> {
  /** the table's caption; `hiddenCaption` keeps it for screen readers only (a heading says it already) */
  caption?: string;
  hiddenCaption?: boolean;
  /** the first column's heading: what each row is */
  head: string;
  rows: R[];
  rowKey: (row: R) => string;
  rowName: (row: R) => ComponentChildren;
  columns: Column<R>[];
}

export function FigureTable<R>({
  caption,
  hiddenCaption,
  head,
  rows,
  rowKey,
  rowName,
  columns,
}: TableProps<R>) {
  return (
    <div class="table-wrap">
      <table>
        {caption && <caption class={hiddenCaption ? 'visually-hidden' : undefined}>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              <th scope="row">{rowName(r)}</th>
              {columns.map((c) => (
                <td key={c.label}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Counted {
  nameTh: string;
  received: number;
  open: number;
}

/** Rows with received and open counts: a bar chart of the two, then the table. */
export function ChartTable<R extends Counted>({
  chartTitle,
  horizontal,
  ...table
}: TableProps<R> & { chartTitle: string; horizontal?: boolean }) {
  const { rows } = table;
  const labels = useMemo(() => rows.map((r) => r.nameTh), [rows]);
  const series = useMemo(
    () => [
      { label: 'รับเรื่อง / Received', values: rows.map((r) => r.received), color: '#0b5cad' },
      { label: 'ยังไม่แล้วเสร็จ / Open', values: rows.map((r) => r.open), color: '#d9822b' },
    ],
    [rows],
  );
  return (
    <>
      <BarChart title={chartTitle} labels={labels} series={series} horizontal={horizontal} />
      <FigureTable {...table} />
    </>
  );
}
