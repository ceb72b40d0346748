/** CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel shows Thai), CRLF line ends. */
export const BOM = '\uFEFF';

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: unknown[]): string => values.map(csvField).join(',') + '\r\n';

/** A whole document: BOM, one header row, the rows. */
export const toCsv = (header: string[], rows: unknown[][]): string =>
  BOM + csvLine(header) + rows.map(csvLine).join('');
