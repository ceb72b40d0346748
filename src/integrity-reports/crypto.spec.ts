import { randomBytes } from 'node:crypto';
import { IdentityKeyUnavailableError, IdentityVault } from './identity-vault';
import { formatReceipt, hashReceipt, newReceipt, normalizeReceipt, RECEIPT_DIGITS } from './receipt';

describe('receipts', () => {
  it('are 16 digits, and never the same twice in a thousand draws', () => {
    const drawn = Array.from({ length: 1000 }, newReceipt);
    for (const r of drawn) expect(r).toMatch(/^\d{16}$/);
    expect(new Set(drawn).size).toBe(1000);
    expect(RECEIPT_DIGITS).toBe(16);
  });

  it('use every digit in every position (no fixed or biased positions)', () => {
    const drawn = Array.from({ length: 2000 }, newReceipt);
    for (let position = 0; position < 16; position++) {
      const seen = new Set(drawn.map((r) => r[position]));
      expect(seen.size).toBe(10);
    }
  });

  it.each([
    ['1234567890123456', '1234 5678 9012 3456'],
    ['0000000000000001', '0000 0000 0000 0001'],
  ])('format %s as %s', (digits, shown) => {
    expect(formatReceipt(digits)).toBe(shown);
  });

  it.each([
    ['1234 5678 9012 3456', '1234567890123456'],
    ['  1234-5678-9012-3456 ', '1234567890123456'],
    ['1234567890123456', '1234567890123456'],
    ['1234 5678 9012 345', null],
    ['1234 5678 9012 34567', null],
    ['1234 5678 9012 345a', null],
    ['', null],
  ])('normalise %j to %j', (typed, expected) => {
    expect(normalizeReceipt(typed)).toBe(expected);
  });

  describe('hash', () => {
    const salt = Buffer.alloc(16, 1);
    const pepper = Buffer.from('pepper-pepper-pepper-pepper-pepper');

    it('is deterministic for the same receipt, salt and pepper (so it can be looked up)', async () => {
      const a = await hashReceipt('1234567890123456', salt, pepper);
      expect(await hashReceipt('1234567890123456', salt, pepper)).toBe(a);
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it.each([
      ['another receipt', '1234567890123457', salt, pepper],
      ['another organisation (salt)', '1234567890123456', Buffer.alloc(16, 2), pepper],
      [
        'another deployment (pepper)',
        '1234567890123456',
        salt,
        Buffer.from('other-pepper-other-pepper-other'),
      ],
    ])('changes with %s', async (_what, digits, s, p) => {
      expect(await hashReceipt(digits, s, p)).not.toBe(await hashReceipt('1234567890123456', salt, pepper));
    });

    it('does not contain the receipt', async () => {
      const digits = '1234567890123456';
      const hash = await hashReceipt(digits, salt, pepper);
      expect(hash).not.toContain(digits);
      expect(Buffer.from(hash, 'base64url').toString('latin1')).not.toContain(digits);
    });
  });
});

describe('IdentityVault (AES-256-GCM with a key ring)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const secret = JSON.stringify({ name: 'สมหญิง ผู้แจ้ง', nationalId: '1101700203451' });

  it('round-trips with the current key and records its id', () => {
    const vault = new IdentityVault({ k1 }, 'k1');
    const sealed = vault.seal(secret, 'report-1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(sealed.ciphertext.toString('utf8')).not.toContain('สมหญิง');
    expect(sealed.ciphertext.toString('latin1')).not.toContain('1101700203451');
    expect(vault.open(sealed, 'report-1')).toBe(secret);
  });

  it('uses a fresh IV each time', () => {
    const vault = new IdentityVault({ k1 }, 'k1');
    const a = vault.seal(secret, 'r');
    const b = vault.seal(secret, 'r');
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('after rotation opens old values with the old key and seals new ones with the new', () => {
    const before = new IdentityVault({ k1 }, 'k1').seal(secret, 'r');
    const rotated = new IdentityVault({ k1, k2 }, 'k2');
    expect(rotated.open(before, 'r')).toBe(secret);
    expect(rotated.seal(secret, 'r').keyId).toBe('k2');
  });

  it.each([
    [
      'a changed ciphertext',
      (s: ReturnType<IdentityVault['seal']>) => ({ ...s, ciphertext: flip(s.ciphertext) }),
      'r',
    ],
    ['a changed tag', (s: ReturnType<IdentityVault['seal']>) => ({ ...s, authTag: flip(s.authTag) }), 'r'],
    ['a changed IV', (s: ReturnType<IdentityVault['seal']>) => ({ ...s, iv: flip(s.iv) }), 'r'],
    ['another place (associated data)', (s: ReturnType<IdentityVault['seal']>) => s, 'another-report'],
  ])('refuses %s', (_what, tamper, associatedData) => {
    const vault = new IdentityVault({ k1 }, 'k1');
    const sealed = vault.seal(secret, 'r');
    expect(() => vault.open(tamper(sealed), associatedData)).toThrow();
  });

  it('names a missing key instead of failing obscurely', () => {
    const sealed = new IdentityVault({ k1 }, 'k1').seal(secret, 'r');
    expect(() => new IdentityVault({ k2 }, 'k2').open(sealed, 'r')).toThrow(IdentityKeyUnavailableError);
    expect(() => new IdentityVault({ k1 }, 'k9')).toThrow(/"k9" is not configured/);
  });
});

function flip(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer);
  copy[0] ^= 0x01;
  return copy;
}
