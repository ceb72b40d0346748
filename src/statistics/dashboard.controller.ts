import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock/clock';
import { civilDate, fiscalYearOfDate } from '../common/time/fiscal-year';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';
import { Role } from '../users/roles';
import { percent } from './complaint-figures';
import { DASHBOARD_OPEN_SQL } from './statistics.sql';
import { DashboardView } from './dto/dashboard.dto';
import { StatisticsService } from './statistics.service';

interface OpenRow {
  unit_id: string | null;
  name_th: string | null;
  name_en: string | null;
  open: string;
  overdue: string;
  due_this_week: string;
}

@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    private readonly statistics: StatisticsService,
  ) {}

  async dashboard(actor: Actor): Promise<DashboardView> {
    const today = civilDate(this.clock.now(), this.config.app.timeZone);
    const fiscalYear = fiscalYearOfDate(today);
    const org = await this.organizations.byId(actor.organizationId);
    const [rows, stats] = await Promise.all([
      this.db.query<OpenRow[]>(DASHBOARD_OPEN_SQL, [org.id, today]),
      this.statistics.complaints(org.slug, { fiscalYear }),
    ]);
    const n = (v: string) => Number(v);
    const sum = (key: 'open' | 'overdue' | 'due_this_week') => rows.reduce((s, r) => s + n(r[key]), 0);
    return {
      today,
      fiscalYear,
      open: sum('open'),
      overdue: sum('overdue'),
      dueThisWeek: sum('due_this_week'),
      byUnit: rows
        .map((r) => ({
          unitId: r.unit_id,
          nameTh: r.name_th ?? 'ยังไม่มอบหมายหน่วยงาน',
          nameEn: r.unit_id ? r.name_en : 'Not yet assigned',
          open: n(r.open),
          overdue: n(r.overdue),
        }))
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.nameTh.localeCompare(b.nameTh, 'th')),
      complianceByMonth: stats.breakdowns.byMonth.map((m) => {
        const due = m.met + m.metByExplanation + m.missed + m.openPastDeadline;
        const compliant = m.met + m.metByExplanation;
        // the organisation's own officers see every month's percentage: the minimum sample
        // (STATISTICS_MIN_SAMPLE) guards published figures, not the internal dashboard
        return {
          month: m.code,
          nameTh: m.nameTh,
          received: m.received,
          due,
          compliant,
          compliancePercent: percent(compliant, due, 1),
        };
      }),
    };
  }
}

@ApiTags('statistics')
@ApiBearerAuth()
@Roles(Role.Executive, Role.Supervisor, Role.Admin)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly service: DashboardService) {}

  @Get()
  @ApiOperation({
    summary:
      "The executive's dashboard: open complaints, overdue by unit, due this week, 15-day compliance by " +
      'month of the current fiscal year',
  })
  @ApiOkResponse({ type: DashboardView })
  dashboard(@CurrentActor() actor: Actor): Promise<DashboardView> {
    return this.service.dashboard(actor);
  }
}
