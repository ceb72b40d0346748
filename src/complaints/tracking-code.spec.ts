import {
  generateTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  trackingCodeHash,
} from './tracking-code';

describe('tracking codes', () => {
  it('are three groups of four from the look-alike-free alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateTrackingCode();
      expect(code).toMatch(
        /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){2}$/,
      );
    }
  });

  it('carry at least 50 bits', () => {
    expect(12 * Math.log2(TRACKING_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    expect(TRACKING_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('do not repeat in 20,000 draws', () => {
    const seen = new Set(Array.from({ length: 20000 }, generateTrackingCode));
    expect(seen.size).toBe(20000);
  });

  it.each([
    ['abcd-efgh-jkmn', 'ABCDEFGHJKMN'],
    [' ABCD EFGH JKMN ', 'ABCDEFGHJKMN'],
    ['ABCDEFGHJKMN', 'ABCDEFGHJKMN'],
    ['ABCD-EFGH-JKM0', null],
    ['ABCD-EFGH-JKMI', null],
    ['ABCD-EFGH', null],
    ['ABCD-EFGH-JKMNP', null],
  ])('normalizes %p to %p', (input, expected) => {
    expect(normalizeTrackingCode(input)).toBe(expected);
  });

  it('hash the normalized form only', () => {
    expect(trackingCodeHash('ABCDEFGHJKMN')).toMatch(/^[0-9a-f]{64}$/);
    expect(trackingCodeHash('ABCDEFGHJKMN')).not.toBe(trackingCodeHash('ABCDEFGHJKMP'));
  });
});
