/** IR-2569-0007: an integrity report's number, for officers only. */
export function reportNumber(fiscalYear: number, sequence: number): string {
  return `IR-${fiscalYear}-${String(sequence).padStart(4, '0')}`;
}
