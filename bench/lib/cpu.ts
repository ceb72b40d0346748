import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system) a process has used, in ms (Linux: /proc, clock ticks of 1/100 s); with
 * `endedChildren`, also that of its children that have ended (and were waited for).
 */
export function cpuMs(pid: number, options: { endedChildren?: boolean } = {}): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const children = options.endedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((Number(fields[11]) + Number(fields[12]) + children) * 1000) / 100;
}

/**
 * CPU time used so far by every PostgreSQL process of this machine, in ms: what the database spent,
 * when it runs here (0 when it runs elsewhere). A process that ended (an autovacuum worker, a closed
 * connection's backend) is counted through its parent's time of ended children, so that it is not
 * taken away from the scenario during which it ended.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuMs(Number(entry), { endedChildren: true });
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** CPU time the whole machine has spent so far (every core, every process, the kernel), in ms. */
export function machineCpuMs(): number {
  // cpu  user nice system idle iowait irq softirq steal …: everything but idle and iowait
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}
