import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from './environment';

describe('.env.example', () => {
  const documented = new Set(
    readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.split('=')[0]),
  );
  const declared = Object.keys(new Environment()).concat([
    'ADMIN_PASSWORD',
    'JWT_SECRET',
    'SMTP_URL',
    'RECEIPT_PEPPER',
    'IDENTITY_KEYS',
    'IDENTITY_KEY_CURRENT',
    'METRICS_TOKEN',
    'PUBLIC_BASE_URL',
    'MAP_TILE_URL',
    'S3_ENDPOINT',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
  ]);

  it('documents every variable the service reads, and no other', () => {
    expect([...documented].sort()).toEqual([...new Set(declared)].sort());
  });
});
