import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used, in ms (Linux: /proc, clock ticks of 1/100 s). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * CPU time used so far by every PostgreSQL process of this machine, in ms: what the database spent,
 * when it runs here (0 when it runs elsewhere). Processes that ended in between are not counted.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuMs(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}
