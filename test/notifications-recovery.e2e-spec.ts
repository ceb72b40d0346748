import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChildProcess } from 'node:child_process';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { OutboxMessage } from '../src/notifications/entities/outbox-message.entity';
import { MessageTemplate, TEMPLATES } from '../src/notifications/message-template';
import { demoOrganizationId, enqueueOne, waitForStatus } from './helpers/outbox';
import { freePort, startRedis } from './helpers/private-redis';
import { SmtpSink } from './helpers/smtp-sink';
import { createTestApp, TestApp } from './helpers/test-app';
import { testEnvironment } from './helpers/test-env';
import { waitFor } from './helpers/wait';

const template = MessageTemplate.OfficerAssigned;
const params = (n: number) => ({ ...TEMPLATES[template].example, referenceNo: `ร.2569/0070${n}` });

describe('mail recovery: the outbox rows are the truth', () => {
  describe('when no worker ran for a while, and one died mid-send', () => {
    let sink: SmtpSink;
    let api: TestApp;
    let worker: INestApplicationContext | undefined;

    beforeAll(async () => {
      sink = await SmtpSink.start();
      api = await createTestApp({ APP_ROLE: 'api', SMTP_URL: sink.url });
    });
    afterAll(async () => {
      await worker?.close();
      await api.close();
      await sink.stop();
    });

    it('a worker that starts later sends everything once, the interrupted one with its Message-ID', async () => {
      const organizationId = await demoOrganizationId(api.db);
      const rows: OutboxMessage[] = [];
      for (let i = 0; i < 3; i += 1) {
        rows.push(
          await enqueueOne(api.app, api.db, {
            organizationId,
            template,
            to: { email: `later-${i}@example.test`, kind: 'officer' },
            params: params(i),
          }),
        );
      }
      // a worker claimed this one and died before the SMTP server answered
      const interrupted = rows[2];
      await api.db.query(
        `UPDATE notification_outbox SET status = 'sending', attempts = 1, last_attempt_at = now() - interval '1 hour'
         WHERE id = $1`,
        [interrupted.id],
      );
      expect(sink.messages).toHaveLength(0);

      const config = loadConfig(
        testEnvironment(api.database, {
          APP_ROLE: 'worker',
          SMTP_URL: sink.url,
          MAIL_DISPATCH_INTERVAL_MS: '100',
        }),
      );
      expect(config.redis.prefix).toBe(api.config.redis.prefix);
      worker = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });

      const sent = await waitForStatus(
        api.db,
        rows.map((r) => r.id),
        ['sent'],
      );
      const counts = sink.countByMessageId();
      expect(sent.map((r) => counts.get(r.messageId))).toEqual([1, 1, 1]);
      expect(sink.to('later-2@example.test')[0].messageId).toBe(interrupted.messageId);
      expect(sent[2]).toMatchObject({ attempts: 2, round: 1 });
    });
  });

  describe('when Redis restarts empty while messages wait for retries', () => {
    let sink: SmtpSink;
    let redis: ChildProcess;
    let port: number;
    let t: TestApp;

    beforeAll(async () => {
      sink = await SmtpSink.start();
      port = await freePort();
      redis = await startRedis(port);
      t = await createTestApp({
        REDIS_URL: `redis://127.0.0.1:${port}`,
        SMTP_URL: sink.url,
        MAIL_DISPATCH_INTERVAL_MS: '100',
        // retries sit in Redis for a while: the restart loses them
        MAIL_RETRY_DELAY_MS: '2000',
      });
    });
    afterAll(async () => {
      await t.close();
      redis.kill('SIGKILL');
      await sink.stop();
    });

    it('hands every pending message over again when Redis is back; each arrives once', async () => {
      const organizationId = await demoOrganizationId(t.db);
      await sink.stop();
      const rows: OutboxMessage[] = [];
      for (let i = 0; i < 3; i += 1) {
        rows.push(
          await enqueueOne(t.app, t.db, {
            organizationId,
            template,
            to: { email: `redis-${i}@example.test`, kind: 'officer' },
            params: params(i),
          }),
        );
      }
      const ids = rows.map((r) => r.id);
      // every message has been queued and has failed once: its retry is a delayed job in Redis
      await waitFor('a first failed attempt on every message', async () => {
        const now = await t.db.getRepository(OutboxMessage).findBy(ids.map((id) => ({ id })));
        return now.every((r) => r.status === 'pending' && r.attempts >= 1 && r.queuedAt !== null);
      });

      redis.kill('SIGKILL');
      await waitFor(
        'Redis to be gone',
        // readiness stays 200 (intake needs PostgreSQL only) and reports Redis down
        async () =>
          (await t.request({ method: 'GET', url: '/health/ready' })).json().details.redis.status === 'down',
      );
      redis = await startRedis(port);
      await sink.start();

      const sent = await waitForStatus(t.db, ids, ['sent'], 30_000);
      const counts = sink.countByMessageId();
      expect(sent.map((r) => counts.get(r.messageId))).toEqual([1, 1, 1]);
    });
  });
});
