import { Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here.
 */
@Module({ imports: [DeadlinesModule], providers: [DeadlinesProcessor] })
export class WorkerModule {}
