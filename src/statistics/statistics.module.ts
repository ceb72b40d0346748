import { Module } from '@nestjs/common';
import { FiguresRollupModule } from './figures-rollup.module';
import { AnnualReportsController, PublicAnnualReportsController } from './annual-reports.controller';
import { AnnualReportsService } from './annual-reports.service';
import { OpenDataService } from './open-data.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  imports: [FiguresRollupModule],
  controllers: [StatisticsController, AnnualReportsController, PublicAnnualReportsController],
  providers: [StatisticsService, OpenDataService, AnnualReportsService],
})
export class StatisticsModule {}
