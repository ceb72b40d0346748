import { Module } from '@nestjs/common';
import { ComplaintsMaintenanceProcessor } from './complaints/complaints-maintenance.processor';
import { ComplaintsModule } from './complaints/complaints.module';

/**
 * The queue processors. Imported only when APP_ROLE is `worker` or `all`, so API-only instances never
 * consume jobs. Each processor lives in its feature folder and is listed here.
 */
@Module({ imports: [ComplaintsModule], providers: [ComplaintsMaintenanceProcessor] })
export class WorkerModule {}
