/**
 * Small-cell suppression for integrity-report figures, so that no single report can be singled out.
 *
 * 1. Primary: every breakdown cell below 3 (0, 1 or 2) is published as "<3".
 * 2. Secondary: a breakdown's cells add up to a total that is published exactly, so the suppressed
 *    cells' sum can be recovered (total minus the visible cells). When that sum is not zero, the
 *    smallest visible cell (3 or more) is hidden too, published as "x". The reader then knows only
 *    that the hidden cells hold at least 3 between them, and for every "<3" cell a value of 0 is
 *    consistent with what is published: no cell is pinned to 1 or 2. A recovered sum of 0 reveals
 *    only that nothing was hidden.
 */
export const BELOW_THRESHOLD = '<3';
export const HIDDEN = 'x';
export const THRESHOLD = 3;

export type PublishedCount = number | typeof BELOW_THRESHOLD | typeof HIDDEN;

export interface Cell {
  key: string;
  value: number;
}

export function suppressCells<T extends Cell>(cells: T[]): (Omit<T, 'value'> & { value: PublishedCount })[] {
  const published: PublishedCount[] = cells.map((c) => (c.value < THRESHOLD ? BELOW_THRESHOLD : c.value));
  const hiddenSum = cells.reduce((s, c) => (c.value < THRESHOLD ? s + c.value : s), 0);
  if (hiddenSum > 0) {
    let smallest = -1;
    cells.forEach((c, i) => {
      if (published[i] !== BELOW_THRESHOLD && (smallest < 0 || c.value < cells[smallest].value)) smallest = i;
    });
    if (smallest >= 0) published[smallest] = HIDDEN;
  }
  return cells.map((c, i) => ({ ...c, value: published[i] }));
}
