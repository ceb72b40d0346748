import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { BusinessCalendarService } from './business-calendar.service';
import { CaseRef, DeadlinesService } from './deadlines.service';
import { runAsSystem } from '../infrastructure/database/tenancy';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { CreateHolidayDto, HolidayChangeResult, HolidayView } from './dto/holiday.dto';
import { Holiday } from './entities/holiday.entity';

/**
 * National holidays and the organisation's own. A change applies at once to every running case of
 * the organisations it concerns (DeadlinesService.recomputeForHolidayChange) and is audited. National
 * days concern every organisation of the deployment, so only the administrators of its primary
 * organisation (ORG_SLUG: the operator's) may change them; others add their own days.
 */
@Injectable()
export class HolidaysService {
  private readonly logger = new Logger('Holidays');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendars: BusinessCalendarService,
    private readonly deadlines: DeadlinesService,
    private readonly scheduler: DeadlineScheduler,
    private readonly audit: AuditService,
  ) {}

  /** The national days and my organisation's own in a year (CE), by date. */
  async list(actor: Actor, year?: number): Promise<HolidayView[]> {
    const y = year ?? Number(this.calendars.today().slice(0, 4));
    const dates = Between(`${y}-01-01`, `${y}-12-31`);
    const rows = await this.db.getRepository(Holiday).find({
      where: [
        { organizationId: IsNull(), removedAt: IsNull(), date: dates },
        { organizationId: actor.organizationId, removedAt: IsNull(), date: dates },
      ],
      order: { date: 'ASC' },
    });
    return rows.map(HolidayView.of);
  }

  async create(actor: Actor, dto: CreateHolidayDto): Promise<HolidayChangeResult> {
    const national = dto.scope === 'national';
    // a national day is every organisation's, and moves every organisation's cases
    const { view, cases } = await acrossIfNational(national, () =>
      this.db.transaction(async (tx) => {
        if (national) await this.assertMayManageNational(tx, actor);
        const organizationId = national ? null : actor.organizationId;
        const sameDay = await tx.find(Holiday, {
          where: [
            { organizationId: IsNull(), date: dto.date },
            { organizationId: actor.organizationId, date: dto.date },
          ],
        });
        if (sameDay.some((h) => !h.removedAt && (!national || h.organizationId === null))) {
          throw new DomainError('HOLIDAY_EXISTS');
        }
        const fields = {
          nameTh: dto.nameTh,
          nameEn: dto.nameEn ?? null,
          kind: national ? (dto.kind ?? 'special') : ('local' as const),
          removedAt: null,
        };
        // a removed day keeps its row (see Holiday.removedAt): bring it back rather than insert
        const removed = sameDay.find((h) => h.removedAt && h.organizationId === organizationId);
        const holiday = removed
          ? await tx.save(Object.assign(removed, fields))
          : await tx.save(tx.create(Holiday, { organizationId, date: dto.date, ...fields }));
        const view = HolidayView.of(holiday);
        await this.audit.record(tx, actor, {
          action: 'holiday.create',
          entityType: 'holiday',
          entityId: holiday.id,
          after: { ...view },
        });
        const reason = `holiday added: ${holiday.date} ${holiday.nameTh}`;
        return {
          view,
          cases: await this.deadlines.recomputeForHolidayChange(tx, organizationId, holiday.date, reason),
        };
      }),
    );
    this.rescheduleInBackground(cases);
    return { holiday: view, recomputedCases: cases.length };
  }

  async remove(actor: Actor, id: string): Promise<HolidayChangeResult> {
    // national days are readable by every organisation: whether this is one decides the scope
    const national = (await this.db.manager.findOneBy(Holiday, { id }))?.organizationId === null;
    const { view, cases } = await acrossIfNational(national, () =>
      this.db.transaction(async (tx) => {
        const holiday = await tx.findOne(Holiday, {
          where: { id, removedAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (
          !holiday ||
          (holiday.organizationId !== null && holiday.organizationId !== actor.organizationId)
        ) {
          throw new DomainError('HOLIDAY_NOT_FOUND');
        }
        if (holiday.organizationId === null) await this.assertMayManageNational(tx, actor);
        holiday.removedAt = this.clock.now();
        await tx.update(Holiday, { id }, { removedAt: holiday.removedAt });
        const view = HolidayView.of(holiday);
        await this.audit.record(tx, actor, {
          action: 'holiday.remove',
          entityType: 'holiday',
          entityId: holiday.id,
          before: { ...view },
        });
        const reason = `holiday removed: ${holiday.date} ${holiday.nameTh}`;
        return {
          view,
          cases: await this.deadlines.recomputeForHolidayChange(
            tx,
            holiday.organizationId,
            holiday.date,
            reason,
          ),
        };
      }),
    );
    this.rescheduleInBackground(cases);
    return { holiday: view, recomputedCases: cases.length };
  }

  /**
   * A national day can move tens of thousands of cases: the answer does not wait for their timers.
   * The dates are committed; until a case's jobs are moved, the sweeper handles its milestones.
   */
  private rescheduleInBackground(cases: CaseRef[]): void {
    this.calendars.invalidate();
    if (cases.length === 0) return;
    // the worker's business, for whichever organisations the cases are in
    void runAsSystem(() => this.scheduler.rescheduleMany(cases)).then(() => {
      if (cases.length > 100)
        this.logger.log(`Deadline jobs of ${cases.length} cases rescheduled after a holiday change`);
    });
  }

  private async assertMayManageNational(tx: EntityManager, actor: Actor): Promise<void> {
    const org = await tx.findOneBy(Organization, { id: actor.organizationId });
    if (org?.slug !== this.config.organization.slug) {
      throw new DomainError('FORBIDDEN', { reason: 'national_holidays_primary_organization_only' });
    }
  }
}

/** National days are written in the system scope (row-level security), after the caller's checks. */
function acrossIfNational<T>(national: boolean, work: () => Promise<T>): Promise<T> {
  return national ? runAsSystem(work) : work();
}
