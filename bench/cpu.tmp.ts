import { execSync } from 'node:child_process';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/infrastructure/startup';
import { runLoad, printResults } from './lib/load';
import { Scratch } from './lib/scratch';
const ticks = (pattern: string) => {
  const out = execSync(`for p in $(pgrep -f '${pattern}'); do cat /proc/$p/stat 2>/dev/null | awk '{print $14+$15}'; done`).toString();
  return out.split('\n').filter(Boolean).reduce((a, b) => a + Number(b), 0) * 10;
};
const self = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const body = () => JSON.stringify({ categoryCode: 'street_lighting', subject: 'ไฟฟ้าส่องสว่างดับหน้าโรงเรียน',
  description: 'ไฟถนนดับมาสามคืนแล้ว เด็กนักเรียนเดินกลับบ้านลำบาก '.repeat(4),
  location: { address: 'หน้าโรงเรียนบ้านหนองบัว', village: 'หมู่ 3', lat: 15.2287, lng: 104.8564 },
  complainant: { name: 'สมศรี ใจงาม', phone: '0812345678' } });
async function main() {
  const s = new Scratch();
  try {
    await prepareDatabase(loadConfig(s.env()), { migrate: true });
    const base = await s.startServer(3978, { APP_ROLE: 'api', DATABASE_POOL_SIZE: '10', TRUST_PROXY_HOPS: '1', RATE_LIMIT_PER_MINUTE: '100000000' });
    const http = new HttpPool(base, { connections: 50, pipelining: 1 });
    const task = async () => {
      const res = await http.request({ method: 'POST', path: '/api/v1/orgs/demo/complaints', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}.${(Math.random() * 255) | 0}` }, body: body() });
      const t = await res.body.text(); if (res.statusCode !== 201) throw new Error(t);
    };
    await runLoad('warm', 50, 3, task);
    const n0 = ticks('src/main.ts'), p0 = ticks('postgres:'), r0 = ticks('redis-server'), s0 = self();
    const r = await runLoad('submit', 50, Number(process.argv[2] ?? 10), task);
    const n1 = ticks('src/main.ts'), p1 = ticks('postgres:'), r1 = ticks('redis-server'), s1 = self();
    printResults([r]);
    const per = (x: number) => (x / r.requests).toFixed(2);
    console.log(`ms CPU per request: node ${per(n1 - n0)}, postgres ${per(p1 - p0)}, redis ${per(r1 - r0)}, loadgen ${per(s1 - s0)}`);
    await http.close();
  } finally { await s.cleanup(); }
}
main();
