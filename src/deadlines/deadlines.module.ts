import { Module } from '@nestjs/common';
import { BusinessCalendarService } from './business-calendar.service';
import { DeadlineMilestonesService } from './deadline-milestones.service';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { DeadlineTracksRegistry } from './deadline-tracks.registry';
import { DeadlinesService } from './deadlines.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';

/**
 * The deadline engine, shared by the tracks: they import this module, call DeadlinesService and
 * register a milestone handler with DeadlineTracksRegistry. The queue processor is in WorkerModule.
 */
@Module({
  controllers: [HolidaysController],
  providers: [
    BusinessCalendarService,
    DeadlineTracksRegistry,
    DeadlineMilestonesService,
    DeadlineScheduler,
    DeadlinesService,
    HolidaysService,
  ],
  exports: [
    BusinessCalendarService,
    DeadlineTracksRegistry,
    DeadlineMilestonesService,
    DeadlineScheduler,
    DeadlinesService,
  ],
})
export class DeadlinesModule {}
