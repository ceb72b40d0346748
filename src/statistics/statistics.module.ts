import { Module } from '@nestjs/common';
import { AnnualReportsController, PublicAnnualReportsController } from './annual-reports.controller';
import { AnnualReportsService } from './annual-reports.service';
import { DashboardController, DashboardService } from './dashboard.controller';
import { OpenDataService } from './open-data.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [
    StatisticsController,
    DashboardController,
    AnnualReportsController,
    PublicAnnualReportsController,
  ],
  providers: [StatisticsService, DashboardService, OpenDataService, AnnualReportsService],
})
export class StatisticsModule {}
