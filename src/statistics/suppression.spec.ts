import { suppressCells } from './suppression';

const cells = (...values: number[]) =>
  values.map((value, i) => ({ key: String.fromCharCode(97 + i), value }));
const published = (...values: number[]) => suppressCells(cells(...values)).map((c) => c.value);

describe('small-cell suppression of integrity figures', () => {
  it.each([
    // [cells, published]
    [
      [5, 7, 3],
      [5, 7, 3],
    ], // nothing small
    [
      [0, 0, 9],
      ['<3', '<3', 9],
    ], // hidden cells add up to 0: nothing to protect
    [
      [1, 7, 5],
      ['<3', 7, 'x'],
    ], // one small cell: the smallest other hidden too, else total − 12 = 1
    [
      [2, 1, 4, 10],
      ['<3', '<3', 'x', 10],
    ], // total − 10 = 7 ≥ 3 over three cells, the 0 reading possible
    [
      [1, 3, 3],
      ['<3', 'x', 3],
    ], // ties: the first smallest
    [
      [2, 2],
      ['<3', '<3'],
    ], // nothing visible left to hide
    [[0], ['<3']],
    [[], []],
  ])('%j → %j', (values, expected) => {
    expect(published(...values)).toEqual(expected);
  });

  it('keeps the other fields of a cell', () => {
    expect(suppressCells([{ key: 'tip', value: 1, nameTh: 'แจ้งเบาะแส' }])).toEqual([
      { key: 'tip', value: '<3', nameTh: 'แจ้งเบาะแส' },
    ]);
  });

  it.each([[[1, 7, 5]], [[2, 1, 4, 10]], [[1, 3, 3]], [[2, 0, 6, 6, 8]]])(
    '%j: from the total and the visible cells, every "<3" cell could be 0',
    (values) => {
      const out = published(...values);
      const total = values.reduce((a, b) => a + b, 0);
      const visible = out.reduce<number>((s, v) => (typeof v === 'number' ? s + v : s), 0);
      const hiddenSum = total - visible;
      // a reader knows: each '<3' is 0..2, each 'x' is ≥ 3; all hidden sum to hiddenSum.
      const xs = out.filter((v) => v === 'x').length;
      for (let i = 0; i < out.length; i++) {
        if (out[i] !== '<3') continue;
        // with this cell at 0, the rest can still make up the hidden sum
        const small = out.filter((v, j) => v === '<3' && j !== i).length;
        const reachable = xs > 0 ? hiddenSum >= 3 * xs : hiddenSum <= 2 * small;
        expect(reachable).toBe(true);
      }
    },
  );
});
