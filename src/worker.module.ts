import { Module } from '@nestjs/common';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here.
 */
@Module({ imports: [], providers: [] })
export class WorkerModule {}
