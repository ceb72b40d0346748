import { AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface CapturedMail {
  /** RCPT TO addresses */
  envelopeTo: string[];
  messageId: string;
  subject: string;
  /** To: header addresses */
  to: string[];
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** the whole message as sent, for "contains nothing of X" checks */
  raw: string;
}

interface Rejection {
  address: string | RegExp;
  code: number;
  message: string;
  /** reject this many times, then accept; undefined = always */
  times?: number;
}

const matches = (rule: Rejection, address: string) =>
  typeof rule.address === 'string'
    ? rule.address.toLowerCase() === address.toLowerCase()
    : rule.address.test(address);

/**
 * A real SMTP server in the test process (smtp-server) that keeps every message it accepts, parsed
 * with mailparser. It can refuse recipients with any 4xx/5xx answer, and be stopped (connections
 * refused) and started again on the same port.
 */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private rejections: Rejection[] = [];
  private server?: SMTPServer;
  private constructor(public port: number) {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink(0);
    await sink.start();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on the same port; the first start picks a free one. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        const rule = this.rejections.find((r) => matches(r, address.address) && (r.times ?? 1) > 0);
        if (!rule) return callback();
        if (rule.times !== undefined) rule.times -= 1;
        callback(Object.assign(new Error(rule.message), { responseCode: rule.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              this.messages.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                messageId: parsed.messageId ?? '',
                subject: parsed.subject ?? '',
                to: addresses(parsed.to),
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                headers: parsed.headers,
                raw: raw.toString('utf8'),
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Stops listening: from now on connections are refused until `start()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answer RCPT TO for `address` with `code message` (e.g. 550 "5.1.1 No such user"), `times` times or always. */
  reject(address: string | RegExp, code: number, message: string, times?: number): void {
    this.rejections.push({ address, code, message, times });
  }

  acceptAll(): void {
    this.rejections = [];
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === address.toLowerCase()));
  }

  /** How many times each Message-ID arrived. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
