import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerAlive } from './heartbeat';

describe('worker heartbeat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heartbeat-'));
  const file = join(dir, 'beat');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['touched just now', 0, true],
    ['touched 59 s ago', 59_000, true],
    ['touched 61 s ago', 61_000, false],
  ])('%s: alive %s', (_what, ageMs, alive) => {
    writeFileSync(file, 'x');
    const now = Date.now();
    utimesSync(file, new Date(now - ageMs), new Date(now - ageMs));
    expect(workerAlive(file, now)).toBe(alive);
  });

  it('no file (never beat): not alive', () => {
    expect(workerAlive(join(dir, 'missing'))).toBe(false);
  });
});
