/** A backing service (PostgreSQL, Redis) could not be reached at start-up. */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly service: 'PostgreSQL' | 'Redis',
    readonly url: string,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(
      `Cannot reach ${service} at ${redactUrl(url)} (${reason}). ` +
        `Start it (for example: docker compose -f docker/compose.yml up -d postgres redis) ` +
        `or set ${service === 'PostgreSQL' ? 'DATABASE_URL' : 'REDIS_URL'}.`,
    );
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
