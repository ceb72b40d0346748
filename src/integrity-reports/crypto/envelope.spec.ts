import { randomBytes } from 'node:crypto';
import {
  combinedKey,
  derivedKey,
  newKey,
  newKeyPair,
  open,
  passwordKek,
  privateKeyOf,
  seal,
  SealOpenError,
  unwrap,
  wrapFor,
} from './envelope';
import { formatRecoveryKey } from './officer-keyring';

describe('sealed values (AES-256-GCM envelope)', () => {
  const key = newKey();
  const sealed = seal(key, 'ผู้ถูกกล่าวหา นายสมชาย', 'contents|r1');

  it('opens with its key and place', () => {
    expect(open(key, sealed, 'contents|r1').toString('utf8')).toBe('ผู้ถูกกล่าวหา นายสมชาย');
    expect(sealed[0]).toBe(1);
    expect(sealed.includes(Buffer.from('นายสมชาย'))).toBe(false);
  });

  const flipped = Buffer.from(sealed);
  flipped[flipped.length - 1] ^= 1;
  const otherVersion = Buffer.from(sealed);
  otherVersion[0] = 2;
  it.each([
    ['another key', newKey(), sealed, 'contents|r1'],
    ['another place (row copied elsewhere)', key, sealed, 'contents|r2'],
    ['a changed byte', key, flipped, 'contents|r1'],
    ['an unknown envelope version', key, otherVersion, 'contents|r1'],
    ['a truncated value', key, sealed.subarray(0, 20), 'contents|r1'],
  ])('refuses %s', (_, k, value, place) => {
    expect(() => open(k, value, place)).toThrow(SealOpenError);
  });

  it('seals the same text differently each time', () => {
    expect(seal(key, 'x', 'p').equals(seal(key, 'x', 'p'))).toBe(false);
  });
});

describe('wrapping to a public key (X25519 ECIES)', () => {
  const alice = newKeyPair();
  const bob = newKeyPair();
  const secret = randomBytes(32);
  const wrapped = wrapFor(alice.publicKey, secret, 'data|r1|alice');

  it('opens with the recipient’s private key and the same place', () => {
    expect(unwrap(privateKeyOf(alice.privateKey), wrapped, 'data|r1|alice').equals(secret)).toBe(true);
  });

  it.each([
    ['another person’s private key', bob.privateKey, 'data|r1|alice'],
    ['another place', alice.privateKey, 'data|r2|alice'],
  ])('does not open with %s', (_, privateKey, place) => {
    expect(() => unwrap(privateKeyOf(privateKey), wrapped, place)).toThrow(SealOpenError);
  });
});

describe('derived keys', () => {
  it('a password key depends on password, salt and domain', async () => {
    const salt = randomBytes(16);
    const base = await passwordKek('correct horse', salt, 'officer');
    expect(base).toHaveLength(32);
    expect((await passwordKek('correct horse', salt, 'officer')).equals(base)).toBe(true);
    for (const other of [
      await passwordKek('correct horsf', salt, 'officer'),
      await passwordKek('correct horse', randomBytes(16), 'officer'),
      await passwordKek('correct horse', salt, 'reporter'),
    ]) {
      expect(other.equals(base)).toBe(false);
    }
  });

  it('the identity key needs both halves', () => {
    const [a, b] = [newKey(), newKey()];
    const both = combinedKey(a, b, 'identity');
    expect(combinedKey(a, newKey(), 'identity').equals(both)).toBe(false);
    expect(combinedKey(newKey(), b, 'identity').equals(both)).toBe(false);
    expect(derivedKey(a, 'identity').equals(both)).toBe(false);
  });

  it('recovery keys are written as eight groups of eight hex digits', () => {
    expect(formatRecoveryKey(Buffer.alloc(32, 0xab))).toBe(Array(8).fill('ABABABAB').join('-'));
  });
});
