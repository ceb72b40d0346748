import exifr from 'exifr';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { Role } from '../src/users/roles';
import { fileComplaint } from './helpers/complaints';
import { createOfficer, latestReportId, Officer, openSession, submit } from './helpers/integrity';
import { captureLogs } from './helpers/log-capture';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { databaseUrl } from './helpers/test-env';
import { multipart, pdfWithMetadata, phonePhoto, UploadPart } from './helpers/uploads';

const REPORTER_FILES = '/api/v1/integrity-reports/session/attachments';

describe('issue 17: evidence files of integrity reports', () => {
  let t: TestApp;
  let admin: string;
  let io: Officer;
  let otherIo: Officer;
  let reportId: string;
  let session: string;
  let photo: Buffer;
  const logs = captureLogs();

  const upload = (url: string, token: string, parts: UploadPart[]) => {
    const body = multipart(parts);
    return t.request({ method: 'POST', url, ...body, headers: { ...body.headers, ...bearer(token) } });
  };
  const get = (url: string, token: string) => t.request({ method: 'GET', url, headers: bearer(token) });
  const dump = () =>
    execFileSync('pg_dump', ['--data-only', databaseUrl(t.database)], {
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('utf8');
  /** How pg_dump writes these bytes inside a bytea value (hex). */
  const asDumped = (bytes: Buffer) => bytes.toString('hex');

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logDestination: logs.destination });
    admin = await t.login();
    io = await createOfficer(t, admin, [Role.IntegrityOfficer]);
    const receipt = await submit(t);
    reportId = await latestReportId(t);
    session = await openSession(t, receipt);
    // an officer appointed after the report has no access to it
    otherIo = await createOfficer(t, admin, [Role.IntegrityOfficer]);
    photo = await phonePhoto(80, 40);
  });
  afterAll(() => t.close());

  it('the reporter adds a photo: stored encrypted and nameless, read back by an officer without its metadata', async () => {
    const res = await upload(REPORTER_FILES, session, [
      { filename: 'สลิปโอนเงิน-นายก.jpg', type: 'image/jpeg', data: photo },
      { filename: 'memo.pdf', data: await pdfWithMetadata() },
    ]);
    expect(res.statusCode).toBe(201);
    const views = res.json();
    expect(views).toHaveLength(2);
    expect(views.map((v: { fileName: string | null }) => v.fileName)).toEqual([null, null]);

    const rows = await t.db.query(`SELECT * FROM attachments WHERE case_id = $1 ORDER BY ordinal`, [
      reportId,
    ]);
    expect(rows).toHaveLength(2);
    expect(
      rows.every((r: { file_seal: Buffer | null; file_name: string | null }) => r.file_seal && !r.file_name),
    ).toBe(true);
    // nothing of the reporter's action is audited
    expect(
      await t.db.query(`SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action LIKE '%attachment%'`, [
        reportId,
      ]),
    ).toEqual([]);

    const listed = await get(`/api/v1/integrity-reports/${reportId}/attachments`, io.token);
    expect(listed.statusCode).toBe(200);
    const file = await get(listed.json()[0].downloadUrl, io.token);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="attachment-1.jpg"; filename*=UTF-8''attachment-1.jpg`,
    );
    expect(file.headers['cache-control']).toBe('no-store');
    expect(await exifr.parse(file.rawPayload, { gps: true })).toBeUndefined();
    expect((await sharp(file.rawPayload).metadata()).height).toBe(80);
    // no preview until the first view; then one, encrypted with the report's key like the file
    const previewOf = async () =>
      (
        (await t.db.query(`SELECT thumbnail_key, thumbnail_seal FROM attachments WHERE id = $1`, [
          views[0].id,
        ])) as { thumbnail_key: string | null; thumbnail_seal: Buffer | null }[]
      )[0];
    expect(await previewOf()).toEqual({ thumbnail_key: null, thumbnail_seal: null });
    const thumb = await get(listed.json()[0].thumbnailUrl, io.token);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const preview = await previewOf();
    expect(preview.thumbnail_seal).toHaveLength(28);
    const stored = (
      (await t.db.query(`SELECT data FROM attachment_chunks WHERE blob_key = $1 ORDER BY seq`, [
        preview.thumbnail_key,
      ])) as { data: Buffer }[]
    ).map((r) => r.data);
    expect(Buffer.concat(stored)).toHaveLength(thumb.rawPayload.length);
    expect(Buffer.concat(stored).includes(thumb.rawPayload.subarray(0, 12))).toBe(false);

    // every officer's download is audited (ids only)
    const audit = await t.db.query(
      `SELECT action, after FROM audit_entries WHERE entity_id = $1 AND action LIKE 'integrity_report.attachment%' ORDER BY id`,
      [reportId],
    );
    expect(audit).toEqual([
      { action: 'integrity_report.attachment_downloaded', after: { attachmentId: views[0].id } },
      { action: 'integrity_report.attachment_previewed', after: { attachmentId: views[0].id } },
    ]);

    // the reporter lists and reads their own files with the session
    const mine = await get(REPORTER_FILES, session);
    expect(mine.json()).toHaveLength(2);
    const again = await get(`${REPORTER_FILES}/${views[1].id}`, session);
    expect(again.headers['content-type']).toBe('application/pdf');
    expect(again.rawPayload.includes(Buffer.from('Somchai'))).toBe(false);
  });

  it('a database dump shows none of the evidence, while a complaint photo stored in clear is found the same way', async () => {
    const [first] = (await get(`/api/v1/integrity-reports/${reportId}/attachments`, io.token)).json();
    const evidence = (await get(first.downloadUrl, io.token)).rawPayload;
    const complaint = await fileComplaint(t);
    const body = multipart([{ filename: 'road.jpg', data: await phonePhoto(80, 40) }]);
    const clear = await t.request({
      method: 'POST',
      url: `/api/v1/track/${complaint.receipt.trackingCode}/attachments`,
      ...body,
    });
    expect(clear.statusCode).toBe(201);
    const [row] = await t.db.query(`SELECT blob_key FROM attachments WHERE case_id = $1`, [complaint.id]);
    const [{ data }] = await t.db.query(
      `SELECT data FROM attachment_chunks WHERE blob_key = $1 AND seq = 0`,
      [row.blob_key],
    );

    const text = dump();
    expect(text).toContain('attachment_chunks');
    // the method finds stored bytes: a 64-byte run from the middle of the clear photo is in the dump
    expect(text.includes(asDumped((data as Buffer).subarray(200, 264)))).toBe(true);
    // and finds no run of the evidence's picture data (its first bytes are the encoder's headers, the
    // same in every JPEG this server writes)
    const len = evidence.length;
    for (const at of [Math.floor(len / 4), Math.floor(len / 2), Math.floor((3 * len) / 4), len - 64])
      expect({ at, found: text.includes(asDumped(evidence.subarray(at, at + 64))) }).toEqual({
        at,
        found: false,
      });
  });

  it('officers without access, administrators and other roles are refused', async () => {
    const url = `/api/v1/integrity-reports/${reportId}/attachments`;
    expect((await get(url, otherIo.token)).statusCode).toBe(404);
    expect((await get(url, admin)).statusCode).toBe(403);
    const [first] = (await get(url, io.token)).json();
    expect((await get(first.downloadUrl, otherIo.token)).statusCode).toBe(404);
    expect((await get(first.downloadUrl, admin)).statusCode).toBe(403);
    expect((await upload(url, otherIo.token, [{ filename: 'x.jpg', data: photo }])).statusCode).toBe(404);
    // the reporter's session opens nothing of the officers' routes, nor an officer's token the reporter's
    expect((await get(url, session)).statusCode).toBe(401);
    expect((await get(REPORTER_FILES, io.token)).statusCode).toBe(401);
  });

  it('an officer attaches a document: encrypted, audited, visible to the reporter', async () => {
    const res = await upload(`/api/v1/integrity-reports/${reportId}/attachments`, io.token, [
      { filename: 'หนังสือเชิญ.pdf', data: await pdfWithMetadata() },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json()[0]).toMatchObject({ source: 'officer', fileName: null, isPublic: false });
    const audit = await t.db.query(
      `SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = 'integrity_report.attachments_added'`,
      [reportId],
    );
    expect(audit).toHaveLength(1);
    expect((await get(REPORTER_FILES, session)).json()).toHaveLength(3);
  });

  it('no log line holds a file name, the reporter’s address, or any line at all for the reporter’s uploads', async () => {
    const text = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(0); // the officers' requests are logged
    for (const needle of ['สลิปโอนเงิน', 'memo.pdf', 'หนังสือเชิญ', '198.51.100.1'])
      expect({ needle, found: text.includes(needle) }).toEqual({ needle, found: false });
    expect(logs.lines.filter((l) => l.includes('/session/attachments'))).toEqual([]);
  });
});
