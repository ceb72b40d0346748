import { ClsModule, ClsService, ClsServiceManager, ClsStore } from 'nestjs-cls';
import { IncomingMessage } from 'node:http';
import { isReporterPath } from '../logging/private-paths';

interface RequestStore extends ClsStore {
  requestId?: string;
}

const cls = () => ClsServiceManager.getClsService<RequestStore>();

/**
 * The request context (nestjs-cls, on AsyncLocalStorage). A middleware on every route sets it from
 * the id Fastify chose (X-Request-Id or a new UUID), so that audit entries, outbox rows and log lines
 * written while serving a request carry its id without passing it through every call; the worker
 * re-enters it from a mail job's data (runAsPartOf). The reporter's routes of the integrity channel
 * get no id: an id stored next to a report or its notice could be joined with a proxy's access log.
 */
export const RequestContextModule = ClsModule.forRoot({
  global: true,
  middleware: {
    mount: true,
    debug: false,
    setup: (
      store: ClsService<RequestStore>,
      req: IncomingMessage & { id?: string; originalUrl?: string },
    ) => {
      const url = req.originalUrl ?? req.url ?? '';
      if (req.id && !isReporterPath(url)) store.set('requestId', req.id);
    },
  },
});

/** The id of the request the running code serves (or that caused the running job); null outside one. */
export function currentRequestId(): string | null {
  const store = cls();
  return store.isActive() ? (store.get('requestId') ?? null) : null;
}

/** Runs `work` as part of the request `requestId` (a job it caused); without an id, in a context of none. */
export function runAsPartOf<T>(requestId: string | null | undefined, work: () => Promise<T>): Promise<T> {
  return cls().runWith(requestId ? { requestId } : {}, work);
}
