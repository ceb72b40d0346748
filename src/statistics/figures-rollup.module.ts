import { Module } from '@nestjs/common';
import { ComplaintFiguresRollup } from './figures-rollup';

/** The incrementally kept complaint figures: read by the statistics, folded by the worker. */
@Module({ providers: [ComplaintFiguresRollup], exports: [ComplaintFiguresRollup] })
export class FiguresRollupModule {}
