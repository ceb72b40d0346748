import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessCalendarService } from './business-calendar.service';
import { DeadlineMilestonesService } from './deadline-milestones.service';
import { DeadlineMetrics } from './deadline-metrics';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { DeadlineTracksRegistry } from './deadline-tracks.registry';
import { DeadlinesService } from './deadlines.service';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';
import {
  OrganizationSettingsController,
  OrganizationSettingsService,
} from './organization-settings.controller';
import { CaseDeadline } from './entities/case-deadline.entity';

/**
 * The deadline engine, shared by the tracks: they import this module, call DeadlinesService and
 * register a milestone handler with DeadlineTracksRegistry. The queue processor is in WorkerModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CaseDeadline])],
  controllers: [HolidaysController, OrganizationSettingsController],
  providers: [
    DeadlineMetrics,
    BusinessCalendarService,
    DeadlineTracksRegistry,
    DeadlineMilestonesService,
    DeadlineScheduler,
    DeadlinesService,
    HolidaysService,
    OrganizationSettingsService,
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
