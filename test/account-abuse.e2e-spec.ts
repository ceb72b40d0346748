import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '../src/infrastructure/redis/redis.module';
import { Role } from '../src/users/roles';
import { minimalReport, SESSION_URL, submit } from './helpers/integrity';
import { createOfficer, invite } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';

/** Issue 12, items 9 and 10: strangers cannot lock real users out; ended sessions end at once. */
describe('abuse of sign-in and sessions', () => {
  let t: TestApp;
  let adminToken: string;
  let counter = 0;

  const ATTACKER = '203.0.113.66';
  const OFFICE = '198.51.100.20';

  const newUser = async (roles: Role[] = [Role.Officer]) => {
    const email = `target-${++counter}-${Date.now()}@test.local`;
    const password = 'the-right-password-1';
    // invited, and the person chooses the password through the link (issue 11b)
    await invite(t, adminToken, { email, displayName: `Target ${counter}`, roles, password });
    return { email, password };
  };
  const login = (email: string, password: string, remoteAddress: string, deviceToken?: string) =>
    t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, ...(deviceToken ? { deviceToken } : {}) },
      remoteAddress,
    });
  const guess = async (email: string, remoteAddress: string, times: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++)
      statuses.push((await login(email, `guess-${i}`, remoteAddress)).statusCode);
    return statuses;
  };

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_SLOWDOWN_BASE_MS: '5',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
      RATE_LIMIT_TRACKING_PER_MINUTE: '1000',
    });
    adminToken = await t.login();
    // integrity reports are refused while nobody can receive them (NO_INTEGRITY_OFFICER)
    await createOfficer(t, adminToken, [Role.IntegrityOfficer]);
  });
  afterAll(() => t.close());

  describe('item 9: no lock-out by strangers', () => {
    it('a stranger guessing a password locks only themselves; the officer signs in from elsewhere', async () => {
      const { email, password } = await newUser();
      expect(await guess(email, ATTACKER, 12)).toEqual([...Array(10).fill(401), 429, 429]);
      // even the right password is refused to the guesser ...
      const guesser = await login(email, password, ATTACKER);
      expect(guesser.statusCode).toBe(429);
      expect(guesser.json().code).toBe('ACCOUNT_LOCKED');
      // ... but not to the officer at the office
      const officer = await login(email, password, OFFICE);
      expect(officer.statusCode).toBe(200);
      expect(officer.json().accessToken).toEqual(expect.any(String));
    });

    it('many strangers (a botnet) do not lock the account either: unknown clients are only slowed', async () => {
      const { email, password } = await newUser();
      for (let i = 0; i < 6; i++)
        expect(await guess(email, `203.0.113.${100 + i}`, 5)).toEqual(Array(5).fill(401));
      // 30 failures on the account: it is under attack, yet no client of the officer's is locked
      const account = createHash('sha256').update(email).digest('base64url');
      expect(Number(await t.app.get<Redis>(REDIS).get(`login-fail:account:${account}`))).toBe(30);
      const officer = await login(email, password, OFFICE);
      expect(officer.statusCode).toBe(200);
    });

    it('behind the same address as the guesser, the officer\u2019s device token still signs in', async () => {
      const { email, password } = await newUser();
      const first = await login(email, password, OFFICE);
      expect(first.statusCode).toBe(200);
      const deviceToken = first.json().deviceToken as string;
      expect(deviceToken).toMatch(/^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/);

      // someone in the same office network guesses until the pair (and the address) are locked
      expect(await guess(email, OFFICE, 11)).toEqual([...Array(10).fill(401), 429]);
      expect((await login(email, password, OFFICE)).statusCode).toBe(429);
      // the officer's browser, holding its device token, is not locked out
      const withDevice = await login(email, password, OFFICE, deviceToken);
      expect(withDevice.statusCode).toBe(200);
    });

    it('a device token is bound to its account, cannot be forged, and is spent by guessing with it', async () => {
      const a = await newUser();
      const b = await newUser();
      const tokenA = (await login(a.email, a.password, OFFICE)).json().deviceToken as string;
      // forged or foreign tokens count as unknown clients: the locked pair stays locked
      expect(await guess(b.email, ATTACKER, 10)).toEqual(Array(10).fill(401));
      const [id, exp, mac] = tokenA.split('.');
      for (const forged of [
        tokenA,
        `${id}.${Number(exp) + 1}.${mac}`,
        `${id}.${exp}.${mac.replace(/.$/, 'A')}`,
      ]) {
        expect((await login(b.email, b.password, ATTACKER, forged)).statusCode).toBe(429);
      }
      // guessing with a stolen token: ten failures, then the token is worth nothing
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await login(a.email, `guess-${i}`, ATTACKER, tokenA)).statusCode);
      expect(statuses).toEqual(Array(10).fill(401));
      const spent = await login(a.email, a.password, '203.0.113.9', tokenA);
      expect(spent.statusCode).toBe(200); // as an unknown, unlocked client
      expect((await guess(a.email, ATTACKER, 1))[0]).toBe(401);
    });

    it('ten wrong receipts from a shared network do not block the right receipt', async () => {
      const network = '192.0.2.200';
      const receipt = await submit(t, minimalReport(), {}, '192.0.2.201');
      const wrong = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push(
          (
            await t.request({
              method: 'POST',
              url: SESSION_URL,
              payload: { receipt: wrong },
              remoteAddress: network,
            })
          ).statusCode,
        );
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      const right = await t.request({
        method: 'POST',
        url: SESSION_URL,
        payload: { receipt },
        remoteAddress: network,
      });
      expect(right.statusCode).toBe(200);
      expect(right.json().token).toEqual(expect.any(String));
    });
  });

  describe('item 10: sessions end at once', () => {
    const me = (token: string) =>
      t.request({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

    it('logout revokes the access token immediately', async () => {
      const { email, password } = await newUser([Role.Officer]);
      const tokens = (await login(email, password, OFFICE)).json();
      expect((await me(tokens.accessToken)).statusCode).toBe(200);
      expect(
        (
          await t.request({
            method: 'POST',
            url: '/api/v1/auth/logout',
            payload: { refreshToken: tokens.refreshToken },
          })
        ).statusCode,
      ).toBe(204);
      const after = await me(tokens.accessToken);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('UNAUTHENTICATED');
    });

    it('a replayed refresh token revokes every access token of the session family', async () => {
      const { email, password } = await newUser([Role.Officer]);
      const first = (await login(email, password, OFFICE)).json();
      const refresh = (refreshToken: string) =>
        t.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
      const second = (await refresh(first.refreshToken)).json();
      expect((await me(first.accessToken)).statusCode).toBe(200);
      expect((await me(second.accessToken)).statusCode).toBe(200);
      // the thief replays the first (rotated) refresh token
      expect((await refresh(first.refreshToken)).statusCode).toBe(401);
      expect((await me(first.accessToken)).statusCode).toBe(401);
      expect((await me(second.accessToken)).statusCode).toBe(401);
      // another session of the same officer is untouched
      const other = (await login(email, password, OFFICE)).json();
      expect((await me(other.accessToken)).statusCode).toBe(200);
    });

    it('tokens without exp, or without a session, are refused even when correctly signed', async () => {
      const { email, password } = await newUser([Role.Officer]);
      const tokens = (await login(email, password, OFFICE)).json();
      const jwt = t.app.get(JwtService);
      const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.exp).toEqual(expect.any(Number));
      const { exp: _exp, iat: _iat, iss: _iss, ...rest } = claims;
      const noExp = await jwt.signAsync(rest);
      expect(JSON.parse(Buffer.from(noExp.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
      expect((await me(noExp)).statusCode).toBe(401);
      const { sid: _sid, ...noSession } = rest;
      const noSid = await jwt.signAsync(noSession, { expiresIn: 600 });
      expect((await me(noSid)).statusCode).toBe(401);
      // the genuine token still works
      expect((await me(tokens.accessToken)).statusCode).toBe(200);
    });
  });
});
