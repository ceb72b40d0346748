import { LRUCache } from 'lru-cache';
import { Injectable, Logger } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { insertRows, rowsOf, RowsOf } from '../infrastructure/database/insert-rows';
import { OrganizationsService } from '../organizations/organizations.service';
import { OfficerDirectory } from '../users/officer-directory';
import { Role } from '../users/roles';
import { OutboxMessage } from './entities/outbox-message.entity';
import { MessageTemplate, RecipientKind } from './message-template';
import { BusinessCalendarService } from '../deadlines/business-calendar.service';
import { InvalidNotificationError, prepareParams } from './prepare-params';
import { RecipientRef, RecipientResolvers } from './recipient-resolvers';
import { currentRequestId } from '../infrastructure/request-context/request-context';

/** A recipient whose address the caller gives (it is stored in the outbox until the message is done). */
export interface AddressedRecipient {
  email: string;
  name?: string;
  kind: RecipientKind;
  /** complainants and reporters: true only when they asked for e-mail; without it nothing is sent */
  consent?: boolean;
}

/**
 * A recipient whose address is looked up only when the message is sent, by the resolver registered
 * for `resolve.type` (RecipientResolvers), and stored nowhere. Consent is the resolver's to check:
 * it returns null for a contact who did not ask for e-mail, and the message is then suppressed.
 */
export interface ResolvedRecipient {
  kind: RecipientKind;
  resolve: RecipientRef;
}

export type NotificationRecipient = AddressedRecipient | ResolvedRecipient;

export interface NotificationMessage {
  organizationId: string;
  template: MessageTemplate;
  to: NotificationRecipient;
  /** display values and ids only; links may be paths ("/track/…"), made absolute on PUBLIC_BASE_URL */
  params: Record<string, unknown>;
  /** hold until then (office hours for officers) */
  notBefore?: Date;
  /** same key twice in one organisation => the second is ignored */
  dedupeKey?: string;
  /** what the message is about, for the admin listing */
  subject?: { type: string; id: string };
  /** the request that caused it (default: the one being served), carried into the worker's log lines */
  requestId?: string;
  /**
   * Record when the message was written only to the day (the start of the business day), not to the
   * instant: for messages caused by someone whose moment of action must not be kept (an anonymous
   * reporter). Give no requestId with it, and hold it with `officeBatchNotBefore`.
   */
  recordDayOnly?: boolean;
}

export interface OfficerRecipient {
  userId: string;
  email: string;
  name: string;
  kind: 'officer';
}

export interface OfficerFilter {
  /** officers holding at least one of these roles */
  roles?: Role[];
  /** a unit id: its officers; null: officers without a unit; omitted: any unit */
  unitId?: string | null;
  userIds?: string[];
}

export interface DigestItem {
  referenceNo: string;
  dueDate: string;
  caseUrl: string;
}

/** A digest lists at most this many cases per section and says how many more there are. */
export const DIGEST_LIST_LIMIT = 50;

/** Sorted by due date, at most DIGEST_LIST_LIMIT, with the count of those left out. */
export function digestSection(items: DigestItem[]): { list: DigestItem[]; more: number } {
  const sorted = [...items].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.referenceNo.localeCompare(b.referenceNo),
  );
  return { list: sorted.slice(0, DIGEST_LIST_LIMIT), more: Math.max(0, sorted.length - DIGEST_LIST_LIMIT) };
}

/**
 * Notifications for every track: callers write messages into the outbox inside their own
 * transaction; the worker sends them (see OutboxDispatcher and MailProcessor). This service knows
 * nothing of complaints or reports: it takes template keys, display values and recipients.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly messageIdDomain: string;
  private readonly capKey: string;
  /** officers' hashes, asked for by nearly every new case (citizens' addresses are not kept here) */
  private readonly officerHashes = new LRUCache<string, string>({ max: 2_000 });

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly resolvers: RecipientResolvers,
    private readonly calendar: BusinessCalendarService,
    private readonly directory: OfficerDirectory,
    private readonly organizations: OrganizationsService,
  ) {
    this.messageIdDomain = messageIdDomain(config.mail.from, config.app.publicBaseUrl);
    this.capKey = `rongrian-mail-cap:${config.auth.jwtSecret}`;
  }

  /**
   * Writes one message into the outbox in the caller's transaction `tx`: it is sent only if that
   * transaction commits. A complainant or reporter without `consent: true` gets nothing (the row is
   * recorded as suppressed, without their address); a resolved recipient is stored as its reference
   * only. Throws InvalidNotificationError for a message that breaks its template's rules (wrong
   * audience, missing param, content in an integrity message) or names an unknown resolver.
   */
  async enqueue(tx: EntityManager, message: NotificationMessage): Promise<void> {
    await this.enqueueAll(tx, [message]);
  }

  /** enqueue() for several messages, in one statement. */
  async enqueueAll(tx: EntityManager, messages: NotificationMessage[]): Promise<void> {
    if (messages.length > 0) await insertRows(tx, [this.outboxRows(messages)]);
  }

  /**
   * Active officers of the organisation matching every given filter, sorted by e-mail, from the
   * officer directory (kept briefly; see OfficerDirectory). A miss reads through `manager`.
   */
  async officerRecipients(
    manager: EntityManager,
    organizationId: string,
    filter: OfficerFilter = {},
  ): Promise<OfficerRecipient[]> {
    const roles = filter.roles && filter.roles.length > 0 ? filter.roles : null;
    const ids = filter.userIds ? new Set(filter.userIds) : null;
    return (await this.directory.active(organizationId, manager))
      .filter(
        (o) =>
          (!roles || o.roles.some((r) => roles.includes(r))) &&
          (filter.unitId === undefined || o.unitId === filter.unitId) &&
          (!ids || ids.has(o.userId)),
      )
      .map((o) => ({ userId: o.userId, email: o.email, name: o.name, kind: 'officer' }));
  }

  /** The first instant in the organisation's office hours on a working day (holidays included) from now. */
  officeHoursNotBefore(tx: EntityManager, organizationId: string): Promise<Date> {
    return this.calendar.nextOfficeWindow(organizationId, this.clock.now(), tx);
  }

  /**
   * The next opening of the organisation's office hours strictly after now, on a working day: the
   * daily batch for messages whose sending time must not reveal when someone acted.
   */
  officeBatchNotBefore(tx: EntityManager, organizationId: string): Promise<Date> {
    return this.calendar.nextOfficeOpening(organizationId, this.clock.now(), tx);
  }

  /**
   * The daily digest of one unit: cases due soon and overdue, to the unit's officers and head (or
   * to `recipients`), held until office hours, at most once per recipient, unit and day. Nothing is
   * sent when both lists are empty. Returns the number of messages written.
   */
  async enqueueDigest(
    tx: EntityManager,
    organizationId: string,
    unit: { id: string; name: string },
    items: { dueSoon: DigestItem[]; overdue: DigestItem[] },
    options: { recipients?: OfficerRecipient[] } = {},
  ): Promise<number> {
    if (items.dueSoon.length === 0 && items.overdue.length === 0) return 0;
    const organization = await this.organizations.byId(organizationId, tx);
    const zone = this.config.app.timeZone;
    const notBefore = await this.officeHoursNotBefore(tx, organizationId);
    const date = DateTime.fromJSDate(notBefore, { zone }).toISODate()!;
    const recipients =
      options.recipients ??
      (await this.officerRecipients(tx, organizationId, {
        unitId: unit.id,
        roles: [Role.Officer, Role.UnitHead],
      }));
    const dueSoon = digestSection(items.dueSoon);
    const overdue = digestSection(items.overdue);
    let written = 0;
    for (const to of recipients) {
      const inserted = await this.insert(tx, {
        organizationId,
        template: MessageTemplate.OfficerDailyDigest,
        to,
        params: {
          orgName: organization.nameTh,
          unitName: unit.name,
          date,
          dueSoon: dueSoon.list,
          overdue: overdue.list,
          dueSoonMore: dueSoon.more,
          overdueMore: overdue.more,
        },
        notBefore,
        dedupeKey: `digest:${unit.id}:${date}:${to.email.toLowerCase()}`,
        subject: { type: 'unit', id: unit.id },
      });
      if (inserted) written += 1;
    }
    return written;
  }

  /** Keyed hash of an address: lets the worker count messages per recipient without keeping the address. */
  recipientHash(email: string): string {
    return createHmac('sha256', this.capKey).update(email.trim().toLowerCase()).digest('hex');
  }

  private officerRecipientHash(email: string): string {
    let hash = this.officerHashes.get(email);
    if (hash === undefined) this.officerHashes.set(email, (hash = this.recipientHash(email)));
    return hash;
  }

  /**
   * The outbox rows of `messages`, for a caller that writes them in one statement with its own rows
   * (insertRows): the same checks and rules as enqueue(). A repeated dedupe key is skipped.
   */
  outboxRows(messages: NotificationMessage[]): RowsOf<OutboxMessage> {
    return rowsOf(
      OutboxMessage,
      messages.map((m) => this.outboxRow(m)),
      { ignoreConflicts: true },
    );
  }

  private async insert(tx: EntityManager, message: NotificationMessage): Promise<boolean> {
    const row = this.outboxRow(message);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(row)
      .orIgnore()
      .returning(['id'])
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  private outboxRow(message: NotificationMessage): QueryDeepPartialEntity<OutboxMessage> {
    const { to, template } = message;
    const params = prepareParams(template, to.kind, message.params, this.config.app.publicBaseUrl);
    const resolve = 'resolve' in to ? to.resolve : null;
    if (resolve && !this.resolvers.has(resolve.type)) {
      throw new InvalidNotificationError(`no recipient resolver is registered for ${resolve.type}`);
    }
    if (message.recordDayOnly && !message.notBefore) {
      throw new InvalidNotificationError(
        'a message recorded to the day needs notBefore (officeBatchNotBefore)',
      );
    }
    const addressed = 'resolve' in to ? null : to;
    // a resolved recipient's consent is checked by its resolver when sending
    const consented = resolve !== null || to.kind === 'officer' || addressed?.consent === true;
    const email = addressed ? addressed.email.trim() : null;
    const now = this.clock.now();
    const written = message.recordDayOnly
      ? DateTime.fromJSDate(now, { zone: this.config.app.timeZone }).startOf('day').toJSDate()
      : now;
    const id = randomUUID();
    if (!consented) this.logger.warn(`Mail ${id} (${template}) suppressed: no consent from the ${to.kind}`);
    // jsonb params: TypeORM's deep-partial typing cannot describe arbitrary objects
    return <QueryDeepPartialEntity<OutboxMessage>>{
      id,
      organizationId: message.organizationId,
      template,
      recipientKind: to.kind,
      recipientEmail: consented ? email : null,
      recipientName: consented ? (addressed?.name ?? null) : null,
      recipientHash: !consented
        ? null
        : email && to.kind === 'officer'
          ? this.officerRecipientHash(email)
          : this.recipientHash(email ?? refKey(resolve!)),
      resolveType: resolve?.type ?? null,
      resolveId: resolve?.id ?? null,
      params: consented ? params : null,
      status: consented ? 'pending' : 'suppressed',
      lastError: consented ? null : 'no consent: the recipient did not ask for e-mail',
      notBefore: message.notBefore ?? now,
      dedupeKey: message.dedupeKey ?? null,
      subjectType: message.subject?.type ?? null,
      subjectId: message.subject?.id ?? null,
      messageId: `<${id}@${this.messageIdDomain}>`,
      requestId: message.requestId ?? (message.recordDayOnly ? null : currentRequestId()),
      createdAt: written,
      updatedAt: written,
    };
  }
}

/** What the hourly cap counts for a resolved recipient: the reference, since the address is unknown. */
const refKey = (ref: RecipientRef) => `resolve:${ref.type}:${ref.id}`;

/** The domain of the Message-ID: MAIL_FROM's, else the public host name. */
export function messageIdDomain(mailFrom: string, publicBaseUrl: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim());
  return match ? match[1].toLowerCase() : new URL(publicBaseUrl).hostname;
}
