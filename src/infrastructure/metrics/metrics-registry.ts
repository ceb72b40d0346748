import { Registry } from 'prom-client';

/**
 * The application's Prometheus registry (one per application instance, not prom-client's global
 * one, so that several instances in one process do not collide). Features register their metrics
 * on it; values that live in PostgreSQL are read at scrape time, so any instance reports them all.
 */
export class MetricsRegistry extends Registry {}
