import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production a missing secret is generated once and kept in var/dev-secrets.json, so that
 * `npm start` works on a fresh machine and data encrypted with it stays readable across restarts.
 * Production refuses to start without the real variable (see loadConfig).
 */
export function devSecret(name: string): string {
  const dir = join(process.cwd(), 'var');
  const file = join(dir, 'dev-secrets.json');
  let secrets: Record<string, string> = {};
  try {
    secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // first use: the file does not exist yet
  }
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64url');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}
