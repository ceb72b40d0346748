import { classifySmtpError, describeSmtpError, SmtpErrorLike } from './smtp-errors';

describe('classifySmtpError', () => {
  it.each<[string, SmtpErrorLike, 'transient' | 'permanent']>([
    [
      '550 unknown user',
      { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' },
      'permanent',
    ],
    ['554 rejected as spam after DATA', { code: 'EMESSAGE', responseCode: 554 }, 'permanent'],
    ['553 bad sender', { code: 'EENVELOPE', responseCode: 553 }, 'permanent'],
    [
      'malformed address refused by nodemailer',
      { code: 'EENVELOPE', message: 'Invalid recipient' },
      'permanent',
    ],
    ['451 greylisting', { code: 'EENVELOPE', responseCode: 451 }, 'transient'],
    ['421 too many connections', { code: 'EPROTOCOL', responseCode: 421 }, 'transient'],
    ['452 mailbox full for now', { code: 'EENVELOPE', responseCode: 452 }, 'transient'],
    ['connection refused', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'transient'],
    ['connection timeout', { code: 'ETIMEDOUT' }, 'transient'],
    ['greeting never came', { code: 'ECONNECTION' }, 'transient'],
    ['authentication failed (our configuration)', { code: 'EAUTH', responseCode: 535 }, 'transient'],
    [
      'sender refused (our configuration)',
      { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' },
      'transient',
    ],
    ['550 after RCPT TO', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    ['TLS trouble', { code: 'ETLS' }, 'transient'],
    ['no code at all', { message: 'socket hang up' }, 'transient'],
  ])('%s → %s', (_name, error, expected) => {
    expect(classifySmtpError(error)).toBe(expected);
  });
});

describe('describeSmtpError', () => {
  it.each<[SmtpErrorLike, string]>([
    [
      { response: '550 5.1.1 <a@b.test>: User unknown', command: 'RCPT TO', message: "Can't send mail" },
      '550 5.1.1 <a@b.test>: User unknown (after RCPT TO)',
    ],
    [
      { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' },
      'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525',
    ],
    [{}, 'unknown error'],
    [{ response: 'x'.repeat(5000) }, 'x'.repeat(1000)],
  ])('%j → %s', (error, expected) => {
    expect(describeSmtpError(error)).toBe(expected);
  });
});
