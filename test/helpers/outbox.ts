import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { OutboxMessage, OutboxStatus } from '../../src/notifications/entities/outbox-message.entity';
import { NotificationMessage, NotificationsService } from '../../src/notifications/notifications.service';
import { waitFor } from './wait';

export async function demoOrganizationId(db: DataSource): Promise<string> {
  const [{ id }] = (await db.query(`SELECT id FROM organizations WHERE slug = 'demo'`)) as { id: string }[];
  return id;
}

/**
 * Enqueues one message in its own transaction (as a caller would with its business change) and
 * returns its outbox row. Without `subject`, a fresh one identifies the row.
 */
export async function enqueueOne(
  app: INestApplicationContext,
  db: DataSource,
  message: Omit<NotificationMessage, 'subject'> & { subject?: NotificationMessage['subject'] },
): Promise<OutboxMessage> {
  const subject = message.subject ?? { type: 'test', id: randomUUID() };
  await db.transaction((tx) => app.get(NotificationsService).enqueue(tx, { ...message, subject }));
  return db
    .getRepository(OutboxMessage)
    .findOneByOrFail({ subjectType: subject.type, subjectId: subject.id });
}

/** Waits until every row is in one of `statuses`; returns the rows in the order of `ids`. */
export async function waitForStatus(
  db: DataSource,
  ids: string[],
  statuses: OutboxStatus[],
  timeoutMs = 20_000,
): Promise<OutboxMessage[]> {
  return waitFor(
    `${ids.length} message(s) to be ${statuses.join(' or ')}`,
    async () => {
      const rows = await db.getRepository(OutboxMessage).findBy({ id: In(ids) });
      const done = rows.length === ids.length && rows.every((r) => statuses.includes(r.status));
      return done && ids.map((id) => rows.find((r) => r.id === id)!);
    },
    timeoutMs,
  );
}
