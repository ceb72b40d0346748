import { ApiProperty } from '@nestjs/swagger';

export class DashboardUnitRow {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: not yet assigned to a unit',
  })
  unitId!: string | null;
  @ApiProperty({ example: 'กองช่าง' }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ description: 'open complaints of the unit' }) open!: number;
  @ApiProperty({ description: 'open complaints past their due date' }) overdue!: number;
}

export class DashboardMonthRow {
  @ApiProperty({ example: '2026-04', description: 'month of receipt (CE)' }) month!: string;
  @ApiProperty({ example: 'เม.ย. 2569' }) nameTh!: string;
  @ApiProperty() received!: number;
  @ApiProperty({ description: 'cases whose 15-day answer was due (answered, or open past the due date)' })
  due!: number;
  @ApiProperty({ description: 'answered in time, or by an extended date explained in time' })
  compliant!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'compliant / due, in percent' })
  compliancePercent!: number | null;
}

/** What an executive sees first: the work in hand and the 15-day rule this fiscal year. */
export class DashboardView {
  @ApiProperty({ example: '2026-04-30', description: 'today (Bangkok)' }) today!: string;
  @ApiProperty({ example: 2569 }) fiscalYear!: number;
  @ApiProperty({ description: 'complaints without an answer yet' }) open!: number;
  @ApiProperty({ description: 'open complaints past their due date' }) overdue!: number;
  @ApiProperty({ description: 'open complaints due from today to 6 days after (a week)' })
  dueThisWeek!: number;
  @ApiProperty({ type: [DashboardUnitRow], description: 'units with open complaints, most overdue first' })
  byUnit!: DashboardUnitRow[];
  @ApiProperty({ type: [DashboardMonthRow] }) complianceByMonth!: DashboardMonthRow[];
}
