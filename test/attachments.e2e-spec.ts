import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import exifr from 'exifr';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CHUNK_BYTES } from '../src/attachments/storage/postgres-blob-store';
import { AttachmentsJob } from '../src/attachments/attachments.processor';
import { AttachmentsService } from '../src/attachments/attachments.service';
import { UploadBudget } from '../src/attachments/upload-budget';
import { COMPLAINT_TRACK } from '../src/complaints/complaint-track';
import { BLOB_STORE, BlobStore } from '../src/attachments/storage/blob-store';
import { QueueName } from '../src/infrastructure/queue/queue-names';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { Role } from '../src/users/roles';
import { fileComplaint, FiledComplaint } from './helpers/complaints';
import { createOfficer, Officer } from './helpers/officers';
import { bearer, createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';
import {
  EXECUTABLE,
  jpegOfSize,
  multipart,
  pdfWithMetadata,
  phonePhoto,
  UploadPart,
} from './helpers/uploads';

const MAX_FILE = 64 * 1024;
const MAX_FILES = 3;
const MAX_CASE = 400 * 1024;

describe('issue 17: attachments on complaints', () => {
  let t: TestApp;
  let intake: Officer;
  let officer: Officer;
  let otherUnitOfficer: Officer;
  let executive: Officer;
  let integrity: Officer;

  const citizenUpload = (code: string, parts: UploadPart[], extra: Record<string, string> = {}) => {
    const body = multipart(parts);
    return t.request({
      method: 'POST',
      url: `/api/v1/track/${code}/attachments`,
      ...body,
      headers: { ...body.headers, ...extra },
    });
  };
  const officerUpload = (who: Officer, id: string, parts: UploadPart[], visibility?: string) => {
    const body = multipart(parts);
    return t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/attachments${visibility ? `?visibility=${visibility}` : ''}`,
      ...body,
      headers: { ...body.headers, ...bearer(who.token) },
    });
  };
  const get = (url: string, who?: Officer) =>
    t.request({ method: 'GET', url, headers: who ? bearer(who.token) : {} });
  const act = (who: Officer, id: string, action: string, payload: object = {}) =>
    t.request({
      method: 'POST',
      url: `/api/v1/complaints/${id}/${action}`,
      headers: bearer(who.token),
      payload,
    });
  /** every stored piece of bytes and every upload not yet linked */
  const storeCounts = async () => {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM attachments) AS files,
              (SELECT count(DISTINCT blob_key)::int FROM attachment_chunks) AS blobs,
              (SELECT count(*)::int FROM attachment_uploads) AS pending`,
    );
    return row as { files: number; blobs: number; pending: number };
  };

  const previewKeyOf = async (id: string) =>
    (
      (await t.db.query(`SELECT thumbnail_key FROM attachments WHERE id = $1`, [id])) as {
        thumbnail_key: string | null;
      }[]
    )[0].thumbnail_key;

  beforeAll(async () => {
    t = await createTestApp({
      ATTACHMENT_MAX_FILE_BYTES: String(MAX_FILE),
      ATTACHMENT_MAX_FILES: String(MAX_FILES),
      ATTACHMENT_MAX_CASE_BYTES: String(MAX_CASE),
    });
    const admin = await t.login();
    intake = await createOfficer(t, admin, [Role.Intake], 'chief_administrator_office');
    officer = await createOfficer(t, admin, [Role.Officer], 'engineering');
    otherUnitOfficer = await createOfficer(t, admin, [Role.Officer], 'finance');
    executive = await createOfficer(t, admin, [Role.Executive]);
    integrity = await createOfficer(t, admin, [Role.IntegrityOfficer]);
  });
  afterAll(() => t.close());

  describe('a citizen’s photo', () => {
    let filed: FiledComplaint;
    let photoId: string;

    beforeAll(async () => {
      filed = await fileComplaint(t);
    });

    it('is stored without EXIF, GPS or maker data, upright, and downloaded as an attachment', async () => {
      const photo = await phonePhoto(64, 32);
      const before = await exifr.parse(photo, { gps: true });
      expect(before).toMatchObject({ Make: 'SpyCam', latitude: expect.any(Number) });

      const res = await citizenUpload(filed.receipt.trackingCode, [
        { filename: 'IMG_2041.JPG', type: 'image/jpeg', data: photo },
      ]);
      expect(res.statusCode).toBe(201);
      const [view] = res.json();
      expect(view).toMatchObject({ contentType: 'image/jpeg', source: 'citizen' });
      photoId = view.id;

      const list = await get(`/api/v1/complaints/${filed.id}/attachments`, otherUnitOfficer);
      // the officer of another unit does not see the case; intake does
      expect(list.statusCode).toBe(404);
      const listed = await get(`/api/v1/complaints/${filed.id}/attachments`, intake);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toEqual([
        expect.objectContaining({
          id: photoId,
          fileName: 'IMG_2041.jpg',
          isPublic: false,
          source: 'citizen',
        }),
      ]);

      const file = await get(listed.json()[0].downloadUrl, intake);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="IMG_2041.jpg"; filename*=UTF-8''IMG_2041.jpg`,
      );
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      const stored = file.rawPayload;
      expect(await exifr.parse(stored, { gps: true, tiff: true, xmp: true, iptc: true })).toBeUndefined();
      const meta = await sharp(stored).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      // orientation 6 applied: the 64×32 picture is now 32 wide and 64 high
      expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([32, 64, 1]);
      // nothing of the GPS or the camera survives anywhere in the bytes
      expect(stored.includes(Buffer.from('SpyCam'))).toBe(false);
      expect(stored.includes(Buffer.from('Serial-4711'))).toBe(false);

      const thumb = await get(listed.json()[0].thumbnailUrl, intake);
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      expect((await sharp(thumb.rawPayload).metadata()).format).toBe('webp');
    });

    it('reaches the tracking page only once an officer publishes it (audited)', async () => {
      const code = filed.receipt.trackingCode;
      expect((await get(`/api/v1/track/${code}/attachments`)).json()).toEqual([]);
      expect((await get(`/api/v1/track/${code}/attachments/${photoId}`)).statusCode).toBe(404);

      // executives only read: they may not publish
      const refused = await t.request({
        method: 'POST',
        url: `/api/v1/complaints/attachments/${photoId}/visibility`,
        headers: bearer(executive.token),
        payload: { isPublic: true },
      });
      expect(refused.statusCode).toBe(403);

      const published = await t.request({
        method: 'POST',
        url: `/api/v1/complaints/attachments/${photoId}/visibility`,
        headers: bearer(intake.token),
        payload: { isPublic: true },
      });
      expect(published.statusCode).toBe(200);
      expect(published.json().isPublic).toBe(true);
      const audit = await t.db.query(
        `SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'complaint.attachment%'`,
        [filed.id],
      );
      expect(audit).toEqual([{ action: 'complaint.attachment_published' }]);

      const shown = await get(`/api/v1/track/${code}/attachments`);
      expect(shown.json()).toEqual([expect.objectContaining({ id: photoId, source: 'citizen' })]);
      const file = await get(`/api/v1/track/${code}/attachments/${photoId}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    });

    it('is refused once the complaint is screened, and accepted again when information is asked for', async () => {
      const code = filed.receipt.trackingCode;
      expect((await act(intake, filed.id, 'assign', { unitId: officer.unitId })).statusCode).toBe(200);
      const closed = await citizenUpload(code, [{ filename: 'late.jpg', data: await phonePhoto() }]);
      expect(closed.statusCode).toBe(409);
      expect(closed.json().code).toBe('ATTACHMENTS_NOT_OPEN');

      expect((await act(officer, filed.id, 'request-info', { message: 'ขอรูปเสาไฟ' })).statusCode).toBe(200);
      const answer = await citizenUpload(code, [{ filename: 'pole.jpg', data: await phonePhoto() }]);
      expect(answer.statusCode).toBe(201);
    });

    it('an unknown tracking code is 404 before the body is read', async () => {
      const res = await citizenUpload('AAAA-BBBB-CCCC', [{ filename: 'a.jpg', data: await phonePhoto() }]);
      expect(res.statusCode).toBe(404);
    });
  });

  describe('types are read from the bytes', () => {
    let filed: FiledComplaint;
    beforeAll(async () => {
      filed = await fileComplaint(t);
    });

    it.each([
      ['an executable renamed .jpg', 'photo.jpg', 'image/jpeg', EXECUTABLE],
      [
        'an HTML page named .png',
        'x.png',
        'image/png',
        Buffer.from('<html><script>alert(1)</script></html>'),
      ],
      ['a ZIP named .pdf', 'doc.pdf', 'application/pdf', Buffer.from('504b0304140000000800', 'hex')],
    ])('%s is refused with 415', async (_what, filename, type, data) => {
      const res = await citizenUpload(filed.receipt.trackingCode, [{ filename, type, data }]);
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('FILE_TYPE_NOT_ACCEPTED');
      expect(res.json().messageTh).toMatch(/PDF/);
    });

    it('a HEIC photo this server cannot decode is refused with a clear code', async () => {
      const heic = Buffer.concat([
        Buffer.from('\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000mif1heic', 'latin1'),
        Buffer.alloc(200),
      ]);
      const res = await citizenUpload(filed.receipt.trackingCode, [{ filename: 'IMG_1.HEIC', data: heic }]);
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('IMAGE_NOT_DECODABLE');
    });

    it('a photo with nothing to remove is stored byte for byte; its preview is made on first view', async () => {
      const plain = await sharp(randomBytes(48 * 48 * 3), { raw: { width: 48, height: 48, channels: 3 } })
        .jpeg()
        .toBuffer();
      const before = await storeCounts();
      const res = await officerUpload(intake, filed.id, [{ filename: 'site.jpg', data: plain }]);
      expect(res.statusCode).toBe(201);
      expect(res.json()[0]).toMatchObject({ contentType: 'image/jpeg', sizeBytes: plain.length });
      // the upload stored the file alone: no preview was encoded, nothing else was written
      expect(await previewKeyOf(res.json()[0].id)).toBeNull();
      expect(await storeCounts()).toEqual({ ...before, files: before.files + 1, blobs: before.blobs + 1 });
      const file = await get(res.json()[0].downloadUrl, intake);
      expect(file.rawPayload.equals(plain)).toBe(true);
      expect(res.json()[0].thumbnailUrl).toMatch(/\/thumbnail$/);

      // twelve first views at once: one preview made and stored, every viewer gets the same bytes
      const views = await Promise.all(
        Array.from({ length: 12 }, () => get(res.json()[0].thumbnailUrl, intake)),
      );
      expect(views.map((v) => v.statusCode)).toEqual(views.map(() => 200));
      expect(views.every((v) => v.rawPayload.equals(views[0].rawPayload))).toBe(true);
      expect((await sharp(views[0].rawPayload).metadata()).format).toBe('webp');
      expect(await previewKeyOf(res.json()[0].id)).not.toBeNull();
      expect(await storeCounts()).toEqual({ ...before, files: before.files + 1, blobs: before.blobs + 2 });

      // later views read the stored preview
      const again = await get(res.json()[0].thumbnailUrl, intake);
      expect(again.rawPayload.equals(views[0].rawPayload)).toBe(true);
      expect(await storeCounts()).toEqual({ ...before, files: before.files + 1, blobs: before.blobs + 2 });
    });

    it('two processes making the same first preview at once: one is linked, the other removed', async () => {
      const plain = await sharp(randomBytes(40 * 40 * 3), { raw: { width: 40, height: 40, channels: 3 } })
        .png()
        .toBuffer();
      const res = await officerUpload(intake, filed.id, [{ filename: 'plan.png', data: plain }]);
      expect(res.statusCode).toBe(201);
      const before = await storeCounts();
      // a second instance of the service stands for another server process (its own in-flight map)
      const here = t.app.get(AttachmentsService);
      const there = new AttachmentsService(t.db, t.app.get(BLOB_STORE), t.app.get(UploadBudget), t.config);
      const rows = await Promise.all(
        [here, there].map((s) => s.findById(t.db.manager, COMPLAINT_TRACK, res.json()[0].id)),
      );
      const opened = await Promise.all([here.open(rows[0], 'thumbnail'), there.open(rows[1], 'thumbnail')]);
      const bytes = await Promise.all(opened.map((o) => buffer(o.stream)));
      expect(bytes[0].equals(bytes[1])).toBe(true);
      expect(rows[0].thumbnailKey).toBe(rows[1].thumbnailKey);
      expect(rows[0].thumbnailKey).toBe(await previewKeyOf(res.json()[0].id));
      expect(await storeCounts()).toEqual({ ...before, blobs: before.blobs + 1 });
    });

    it('an image whose picture data is damaged is kept, and its preview is a clear 422', async () => {
      const png = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
        .png()
        .toBuffer();
      const damaged = Buffer.from(png);
      const idat = damaged.indexOf(Buffer.from('IDAT'));
      damaged.fill(0x55, idat + 8, idat + 40);
      const res = await officerUpload(intake, filed.id, [{ filename: 'scan.png', data: damaged }]);
      expect(res.statusCode).toBe(201);
      const before = await storeCounts();
      const thumb = await get(res.json()[0].thumbnailUrl, intake);
      expect(thumb.statusCode).toBe(422);
      expect(thumb.json()).toMatchObject({ code: 'PREVIEW_NOT_AVAILABLE', messageTh: expect.any(String) });
      expect(await storeCounts()).toEqual(before);
      expect((await get(res.json()[0].downloadUrl, intake)).rawPayload.equals(damaged)).toBe(true);
    });

    it('a PDF keeps its page and loses its author, title and XMP', async () => {
      const pdf = await pdfWithMetadata();
      expect(pdf.includes(Buffer.from('Somchai Whistle'))).toBe(true);
      const res = await officerUpload(intake, filed.id, [{ filename: 'letter.pdf', data: pdf }]);
      expect(res.statusCode).toBe(201);
      const file = await get(res.json()[0].downloadUrl, intake);
      expect(file.headers['content-type']).toBe('application/pdf');
      const stored = file.rawPayload;
      expect(stored.includes(Buffer.from('Somchai'))).toBe(false);
      expect(stored.includes(Buffer.from('Secret procurement'))).toBe(false);
      const doc = await PDFDocument.load(stored);
      expect(doc.getPageCount()).toBe(1);
      expect(doc.getAuthor()).toBeUndefined();
      expect(doc.getTitle()).toBeUndefined();
    });

    it('JSON and multipart stay on their own routes', async () => {
      const json = await t.request({
        method: 'POST',
        url: `/api/v1/track/${filed.receipt.trackingCode}/attachments`,
        payload: { file: 'not a file' },
      });
      expect(json.statusCode).toBe(415);
      expect(json.json().code).toBe('MULTIPART_REQUIRED');
      const body = multipart([{ filename: 'a.jpg', data: await phonePhoto() }]);
      const elsewhere = await t.request({ method: 'POST', url: '/api/v1/orgs/demo/complaints', ...body });
      expect(elsewhere.statusCode).toBe(415);
      expect(elsewhere.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('a foreign Origin is refused before anything is read', async () => {
      const res = await citizenUpload(
        filed.receipt.trackingCode,
        [{ filename: 'a.jpg', data: await phonePhoto() }],
        { origin: 'https://evil.example' },
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ORIGIN_NOT_ALLOWED');
    });
  });

  describe('limits at their edges, and nothing half-stored', () => {
    it('a file of exactly the limit is accepted; one byte more is 413 and leaves nothing', async () => {
      const filed = await fileComplaint(t);
      const atLimit = await jpegOfSize(MAX_FILE);
      expect(atLimit.length).toBe(MAX_FILE);
      expect(
        (await citizenUpload(filed.receipt.trackingCode, [{ filename: 'a.jpg', data: atLimit }])).statusCode,
      ).toBe(201);

      const before = await storeCounts();
      const over = await jpegOfSize(MAX_FILE + 1);
      const res = await citizenUpload(filed.receipt.trackingCode, [
        { filename: 'ok.jpg', data: await phonePhoto() },
        { filename: 'big.jpg', data: over },
      ]);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: MAX_FILE } });
      expect(await storeCounts()).toEqual(before);
    });

    it(`${MAX_FILES} files in one upload are accepted; ${MAX_FILES + 1} are 413 and leave nothing`, async () => {
      const filed = await fileComplaint(t);
      const photos = await Promise.all(
        Array.from({ length: MAX_FILES + 1 }, async (_, i) => ({
          filename: `p${i}.jpg`,
          data: await phonePhoto(),
        })),
      );
      const before = await storeCounts();
      const tooMany = await citizenUpload(filed.receipt.trackingCode, photos);
      expect(tooMany.statusCode).toBe(413);
      expect(tooMany.json()).toMatchObject({ code: 'TOO_MANY_FILES', details: { maxFiles: MAX_FILES } });
      expect(await storeCounts()).toEqual(before);
      const enough = await citizenUpload(filed.receipt.trackingCode, photos.slice(0, MAX_FILES));
      expect(enough.statusCode).toBe(201);
      expect(enough.json()).toHaveLength(MAX_FILES);
    });

    it('a case holds at most ATTACHMENT_MAX_CASE_BYTES', async () => {
      const filed = await fileComplaint(t);
      const big = await phonePhoto(150, 120); // noise: about 40 KB as JPEG
      let status = 201;
      let rounds = 0;
      while (status === 201 && rounds < 40) {
        status = (await officerUpload(intake, filed.id, [{ filename: 'site.jpg', data: big }])).statusCode;
        rounds++;
      }
      expect(status).toBe(413);
      const [{ total }] = await t.db.query(
        `SELECT sum(size_bytes)::int AS total FROM attachments WHERE case_id = $1`,
        [filed.id],
      );
      expect(total).toBeLessThanOrEqual(MAX_CASE);
      expect(await t.db.query(`SELECT 1 FROM attachment_uploads`)).toEqual([]);
    });

    it('an upload cut off in the middle leaves nothing behind', async () => {
      const filed = await fileComplaint(t);
      const before = await storeCounts();
      const body = multipart([
        { filename: 'first.jpg', data: await phonePhoto() },
        { filename: 'second.jpg', data: await phonePhoto() },
      ]);
      // the connection drops in the middle of the second file: no closing boundary ever comes
      const cut = body.payload.subarray(0, body.payload.length - 600);
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/track/${filed.receipt.trackingCode}/attachments`,
        payload: cut,
        headers: body.headers,
      });
      expect(res.statusCode).toBe(400);
      expect(await storeCounts()).toEqual(before);
    });
  });

  describe('officers’ documents, internal or public', () => {
    it('public ones show on the tracking page, internal ones never', async () => {
      const filed = await fileComplaint(t);
      const internal = await officerUpload(intake, filed.id, [
        { filename: 'memo.pdf', data: await pdfWithMetadata() },
      ]);
      const pub = await officerUpload(
        intake,
        filed.id,
        [{ filename: 'ผลการซ่อม.jpg', data: await phonePhoto() }],
        'public',
      );
      expect(internal.statusCode).toBe(201);
      expect(pub.statusCode).toBe(201);
      expect(internal.json()[0].isPublic).toBe(false);
      expect(pub.json()[0].isPublic).toBe(true);

      const shown = (await get(`/api/v1/track/${filed.receipt.trackingCode}/attachments`)).json();
      expect(shown.map((a: { id: string }) => a.id)).toEqual([pub.json()[0].id]);
      const hidden = await get(
        `/api/v1/track/${filed.receipt.trackingCode}/attachments/${internal.json()[0].id}`,
      );
      expect(hidden.statusCode).toBe(404);
      const download = await get(pub.json()[0].downloadUrl, intake);
      expect(download.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('ผลการซ่อม.jpg')}`,
      );

      const audit = await t.db.query(
        `SELECT action, after FROM audit_entries WHERE entity_id = $1 AND action = 'complaint.attachments_added'`,
        [filed.id],
      );
      expect(audit).toHaveLength(2);
    });

    it('roles and units: executives read but do not upload, integrity officers and other units see nothing', async () => {
      const filed = await fileComplaint(t);
      const data = [{ filename: 'x.jpg', data: await phonePhoto() }];
      expect((await officerUpload(executive, filed.id, data)).statusCode).toBe(403);
      expect((await officerUpload(integrity, filed.id, data)).statusCode).toBe(403);
      expect((await get(`/api/v1/complaints/${filed.id}/attachments`, integrity)).statusCode).toBe(403);
      expect((await get(`/api/v1/complaints/${filed.id}/attachments`, executive)).statusCode).toBe(200);
      expect((await officerUpload(otherUnitOfficer, filed.id, data)).statusCode).toBe(404);
      const up = await officerUpload(intake, filed.id, data);
      const url = up.json()[0].downloadUrl as string;
      expect((await get(url, otherUnitOfficer)).statusCode).toBe(404);
      expect((await get(url)).statusCode).toBe(401);
      expect(url).toBe(`/api/v1/complaints/attachments/${up.json()[0].id}`);
      // an integrity officer's file route does not open a complaint's file
      const other = await get(
        `/api/v1/integrity-reports/${filed.id}/attachments/${up.json()[0].id}`,
        integrity,
      );
      expect(other.statusCode).toBe(404);
    });
  });

  describe('the embedded store (PostgreSQL)', () => {
    it.each([
      0,
      1,
      CHUNK_BYTES - 1,
      CHUNK_BYTES,
      CHUNK_BYTES + 1,
      3 * CHUNK_BYTES + 5,
      4 * CHUNK_BYTES,
      9 * CHUNK_BYTES + 3,
    ])(
      'a blob of %i bytes, written in uneven pieces, reads back the same and is deleted whole',
      async (size) => {
        const store = t.app.get<BlobStore>(BLOB_STORE);
        const bytes = randomBytes(size);
        const pieces = [bytes.subarray(0, 1000), bytes.subarray(1000, 300_000), bytes.subarray(300_000)];
        const key = `roundtrip-${size}`;
        expect(await store.put(key, Readable.from(pieces.filter((p) => p.length > 0)))).toBe(size);
        expect((await buffer(await store.get(key))).equals(bytes)).toBe(true);
        const [{ rows }] = await t.db.query(
          `SELECT count(*)::int AS rows FROM attachment_chunks WHERE blob_key = $1`,
          [key],
        );
        expect(rows).toBe(Math.max(1, Math.ceil(size / CHUNK_BYTES)));
        await store.delete(key);
        expect(await t.db.query(`SELECT 1 FROM attachment_chunks WHERE blob_key = $1`, [key])).toEqual([]);
      },
    );

    it('a source that fails mid-way fails the put and leaves no piece behind', async () => {
      const store = t.app.get<BlobStore>(BLOB_STORE);
      async function* failing() {
        yield randomBytes(3 * CHUNK_BYTES);
        throw new Error('client went away');
      }
      await expect(store.put('broken', Readable.from(failing()))).rejects.toThrow('client went away');
      expect(await t.db.query(`SELECT 1 FROM attachment_chunks WHERE blob_key = 'broken'`)).toEqual([]);
      // the store (and its pool) go on working
      expect(await store.put('after-broken', Readable.from([Buffer.from('ok')]))).toBe(2);
      expect((await buffer(await store.get('after-broken'))).toString()).toBe('ok');
    });
  });

  describe('abandoned uploads', () => {
    it('the scheduled sweeper removes blobs never linked, once they are two clock hours old', async () => {
      const store = t.app.get<BlobStore>(BLOB_STORE);
      const bytes = await phonePhoto();
      for (const [key, hoursAgo] of [
        ['abandoned-old', 3],
        ['abandoned-new', 0],
      ] as const) {
        await store.put(key, Readable.from([bytes]));
        await t.db.query(
          `INSERT INTO attachment_uploads (blob_key, started_hour) VALUES ($1, date_trunc('hour', now()) - make_interval(hours => $2))`,
          [key, hoursAgo],
        );
      }
      // run by the worker, as its schedule runs it
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Attachments));
      const job = await queue.add(AttachmentsJob.SweepAbandoned, {});
      await waitFor('the sweep to finish', async () => (await job.getState()) === 'completed');
      const left = await t.db.query(
        `SELECT DISTINCT blob_key FROM attachment_chunks WHERE blob_key LIKE 'abandoned-%'`,
      );
      expect(left).toEqual([{ blob_key: 'abandoned-new' }]);
      expect(await t.db.query(`SELECT blob_key FROM attachment_uploads`)).toEqual([
        { blob_key: 'abandoned-new' },
      ]);
      await store.delete('abandoned-new');
      await t.db.query(`DELETE FROM attachment_uploads`);
    });
  });
});

describe('issue 17: upload abuse limits', () => {
  let t: TestApp;
  const upload = async (code: string, remoteAddress: string, size = 20 * 1024) => {
    const body = multipart([{ filename: 'a.jpg', data: await jpegOfSize(size) }]);
    return t.request({ method: 'POST', url: `/api/v1/track/${code}/attachments`, ...body, remoteAddress });
  };

  beforeAll(async () => {
    t = await createTestApp({
      ATTACHMENT_BYTES_PER_CLIENT_PER_HOUR: String(50 * 1024),
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '6',
    });
  });
  afterAll(() => t.close());

  it('a client’s hourly byte budget: refused with 429 and Retry-After once spent, other clients unaffected', async () => {
    const filed = await fileComplaint(t);
    const code = filed.receipt.trackingCode;
    // 20 KB each: 0, 20, 40 KB used before each upload; the fourth finds 60 KB ≥ 50 KB spent
    for (let i = 0; i < 3; i++) expect((await upload(code, '203.0.113.7')).statusCode).toBe(201);
    const refused = await upload(code, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('UPLOAD_BUDGET_EXCEEDED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await upload(code, '203.0.113.8')).statusCode).toBe(201);
  });

  it('uploads count against the public-write limit per minute', async () => {
    const filed = await fileComplaint(t); // one public write from 127.0.0.1
    const code = filed.receipt.trackingCode;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await upload(code, '198.51.100.77', 1024)).statusCode);
    expect(statuses.slice(0, 6)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(statuses[6]).toBe(429);
  });
});
