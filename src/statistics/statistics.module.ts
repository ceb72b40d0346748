import { Module } from '@nestjs/common';
import { ComplaintFiguresRollup } from './figures-rollup';
import { AnnualReportsController, PublicAnnualReportsController } from './annual-reports.controller';
import { AnnualReportsService } from './annual-reports.service';
import { OpenDataService } from './open-data.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [StatisticsController, AnnualReportsController, PublicAnnualReportsController],
  providers: [StatisticsService, ComplaintFiguresRollup, OpenDataService, AnnualReportsService],
})
export class StatisticsModule {}
