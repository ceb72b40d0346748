/** Job name on QueueName.Mail: send one outbox message. */
export const SEND_MAIL_JOB = 'send';

/** Recurring job name on QueueName.Mail: move due outbox rows to the queue (OutboxDispatcher.tick). */
export const DISPATCH_MAIL_JOB = 'dispatch';

/** Job data: ids only, never addresses or content. */
export interface MailJobData {
  messageId: string;
  round: number;
  requestId?: string | null;
}

/**
 * Deterministic job id: the message id, so a message handed to the queue twice is one job. A message
 * that goes round again (admin retry, long outage) gets `<id>-r<round>`, because BullMQ keeps the
 * finished job of the earlier round under the plain id and would ignore a new one.
 */
export const mailJobId = (messageId: string, round: number): string =>
  round === 0 ? messageId : `${messageId}-r${round}`;
