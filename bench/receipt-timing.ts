/**
 * Receipt sign-in timing: does a wrong receipt answer as fast or slow as a right one?
 *
 *   npx ts-node --transpile-only bench/receipt-timing.ts          (N=20 per case)
 *   BENCH_N=50 npx ts-node --transpile-only bench/receipt-timing.ts
 *
 * Uses a scratch database and Redis prefix (removed at the end) on DATABASE_URL's server. Prints the
 * answer time of right and wrong receipts without padding (INTEGRITY_RECEIPT_MIN_MS=0) and with the
 * default padding, so the effect of the padding is visible.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../src/config/app-config';
import { loadDotEnv } from '../src/config/dotenv';
import { createHttpApp } from '../src/infrastructure/http/create-http-app';
import { prepareDatabase } from '../src/infrastructure/startup';

const N = Number(process.env.BENCH_N ?? 20);

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  max ${at(1)} ms`;
}

async function run(padMs: string | undefined): Promise<void> {
  loadDotEnv();
  const base = loadConfig();
  const url = new URL(base.database.url);
  const database = `rongrian_bench_receipts_${randomBytes(3).toString('hex')}`;
  url.pathname = `/${database}`;
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_PREFIX: `rongrian-bench:${database}`,
    LOG_LEVEL: 'silent',
    INTEGRITY_SUBMISSIONS_PER_HOUR: '1000',
    ...(padMs === undefined ? {} : { INTEGRITY_RECEIPT_MIN_MS: padMs }),
  };
  const config = loadConfig(env);
  await prepareDatabase(config, { migrate: true });
  const app = await createHttpApp(config);
  try {
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${config.organization.slug}/integrity-reports`,
      payload: { kind: 'tip', allegationType: 'other', description: 'bench report, bench report' },
    });
    const receipt = submitted.json().receipt as string;
    const wrong = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const times: Record<'right' | 'wrong', number[]> = { right: [], wrong: [] };
    for (let i = 0; i < N * 2; i++) {
      const which = i % 2 === 0 ? 'right' : 'wrong';
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${config.organization.slug}/integrity-reports/session`,
        payload: { receipt: which === 'right' ? receipt : wrong },
        remoteAddress: `10.0.${Math.floor(i / 250)}.${i % 250}`, // a fresh client each time: no throttle
      });
      times[which].push(performance.now() - started);
      if (res.statusCode !== (which === 'right' ? 200 : 401))
        throw new Error(`${which}: ${res.statusCode} ${res.body}`);
    }
    const pad = config.integrity.receiptMinResponseMs;
    console.log(`padding ${pad} ms, ${N} attempts each`);
    console.log(`  right receipt: ${stats(times.right)}`);
    console.log(`  wrong receipt: ${stats(times.wrong)}`);
  } finally {
    await app.close();
    const admin = new URL(base.database.url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  }
}

async function main(): Promise<void> {
  await run('0');
  await run(undefined);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
