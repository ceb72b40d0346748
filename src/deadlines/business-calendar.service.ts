import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { BusinessCalendar, civilDate, nextOfficeOpening, nextOfficeWindow } from './day-counting';
import { officeHours } from './deadline-settings';
import { Holiday } from './entities/holiday.entity';

export interface OrganizationCalendar {
  organization: Organization;
  calendar: BusinessCalendar;
}

/** How long a process reuses an organisation's calendar before reading it again. */
export const CALENDAR_CACHE_MS = 30_000;

/**
 * An organisation's working calendar: weekends, national holidays, its own holidays and office hours,
 * in the business time zone (BUSINESS_TIME_ZONE). Kept for CALENDAR_CACHE_MS (every new case needs
 * it); a holiday change reads it fresh, recomputes the running cases in its transaction and clears
 * this process's copy, so other processes see the change on new cases within that time.
 */
@Injectable()
export class BusinessCalendarService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get zone(): string {
    return this.config.app.timeZone;
  }

  /** Today's civil date in the business time zone. */
  today(): string {
    return civilDate(this.clock.now(), this.zone);
  }

  async forOrganization(
    organizationId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<BusinessCalendar> {
    return (await this.context(organizationId, manager)).calendar;
  }

  private readonly cache = new Map<string, { until: number; context: Promise<OrganizationCalendar> }>();

  /** Forget cached calendars (after a holiday or settings change in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  async context(
    organizationId: string,
    manager: EntityManager = this.db.manager,
    fresh = false,
  ): Promise<OrganizationCalendar> {
    if (fresh) return this.load(organizationId, manager);
    const now = Date.now();
    const hit = this.cache.get(organizationId);
    if (hit && hit.until > now) return hit.context;
    const context = this.load(organizationId, manager);
    this.cache.set(organizationId, { until: now + CALENDAR_CACHE_MS, context });
    context.catch(() => this.cache.delete(organizationId));
    return context;
  }

  private async load(organizationId: string, manager: EntityManager): Promise<OrganizationCalendar> {
    const organization = await manager.findOneByOrFail(Organization, { id: organizationId });
    const holidays = await manager.find(Holiday, {
      where: [
        { organizationId: IsNull(), removedAt: IsNull() },
        { organizationId, removedAt: IsNull() },
      ],
    });
    return { organization, calendar: new BusinessCalendar(this.zone, holidays, officeHours(organization)) };
  }

  /**
   * When a notification to an officer of the organisation may go out: `at` itself inside office hours
   * on a working day, otherwise the start of the next office window (for the outbox's `notBefore`).
   */
  async nextOfficeWindow(
    organizationId: string,
    at: Date = this.clock.now(),
    manager: EntityManager = this.db.manager,
  ): Promise<Date> {
    return nextOfficeWindow(at, await this.forOrganization(organizationId, manager));
  }

  /** The next office-hours opening strictly after `at` (working days only): the daily batch. */
  async nextOfficeOpening(
    organizationId: string,
    at: Date = this.clock.now(),
    manager: EntityManager = this.db.manager,
  ): Promise<Date> {
    return nextOfficeOpening(at, await this.forOrganization(organizationId, manager));
  }
}
