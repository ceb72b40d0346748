/**
 * What a hostile body costs the service (issue 12, item 7): 800 KB of nested arrays, against two
 * baselines measured in the same run on the same route (`POST /api/v1/auth/refresh`, refused by
 * validation): a small invalid body, and an 800 KB flat body (the cost of receiving and parsing
 * that much JSON). Requests are sent one at a time over loopback to the real service, so each
 * latency is the time the service's event loop spent on it.
 *
 *   npx ts-node --transpile-only bench/bad-input.bench.ts [requests per body, default 100]
 */
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/infrastructure/startup';
import { Scratch } from './lib/scratch';

const REQUESTS = Number(process.argv[2] ?? 100);
const PORT = 3900 + Math.floor(Math.random() * 90);
const SIZE = 800_000;

const bodies: [string, string][] = [
  ['small invalid body (baseline)', JSON.stringify({ refreshToken: 1 })],
  ['800 KB flat body (baseline)', JSON.stringify({ refreshToken: 'a'.repeat(SIZE) })],
  ['800 KB nested arrays (attack)', '['.repeat(SIZE / 2) + ']'.repeat(SIZE / 2)],
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const scratch = new Scratch();
  try {
    const config = loadConfig(scratch.env());
    await prepareDatabase(config, { migrate: true });
    const base = await scratch.startServer(PORT, { APP_ROLE: 'api', RATE_LIMIT_PER_MINUTE: '100000000' });
    const p50s: number[] = [];
    console.log(`${REQUESTS} sequential requests per body, POST /api/v1/auth/refresh`);
    for (const [label, body] of bodies) {
      const send = async () => {
        const started = performance.now();
        const res = await fetch(`${base}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const answer = (await res.json()) as { code: string };
        return { ms: performance.now() - started, status: `${res.status} ${answer.code}` };
      };
      for (let i = 0; i < 5; i++) await send(); // warm-up
      const samples: number[] = [];
      const statuses = new Set<string>();
      for (let i = 0; i < REQUESTS; i++) {
        const { ms, status } = await send();
        samples.push(ms);
        statuses.add(status);
      }
      samples.sort((a, b) => a - b);
      p50s.push(quantile(samples, 0.5));
      console.log(
        `${label.padEnd(32)} p50 ${quantile(samples, 0.5).toFixed(2)} ms  p90 ${quantile(samples, 0.9).toFixed(2)} ms` +
          `  max ${samples.at(-1)!.toFixed(2)} ms  answers: ${[...statuses].join(', ')}`,
      );
    }
    console.log(
      `attack / small baseline p50: ${(p50s[2] / p50s[0]).toFixed(2)}×; attack / 800 KB flat p50: ${(p50s[2] / p50s[1]).toFixed(2)}×`,
    );
  } finally {
    await scratch.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
