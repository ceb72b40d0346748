/**
 * Attachments (issue 17) against the real service (HTTP over loopback, PostgreSQL, Redis):
 *  - upload throughput of 1 MB files at 20 clients, beside its baseline measured in the same run:
 *    the same bytes written straight to the same store (PostgresBlobStore, a pool of the same size).
 *    Three kinds: photos without metadata (stored as they are, not decoded: the kind the 0.5× target
 *    is for), PDFs (rewritten by pdf-lib, no pixel re-encoding) and phone photos (EXIF with an
 *    orientation: decoded, turned upright and encoded again). No upload makes a preview: that is
 *    made on the first view of `…/thumbnail`, outside what this bench measures;
 *  - the service's peak memory (VmHWM, reset before each phase) while 20 clients upload 10 MB files.
 *
 *   npx ts-node --transpile-only bench/attachments.bench.ts [seconds per scenario, default 10]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { Pool as HttpPool } from 'undici';
import { loadConfig } from '../src/config/app-config';
import { PostgresBlobStore } from '../src/attachments/storage/postgres-blob-store';
import { dataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { prepareDatabase } from '../src/infrastructure/startup';
import { multipart } from '../test/helpers/uploads';
import { LoadResult, printResults, runLoad } from './lib/load';
import { cpuMs } from './lib/cpu';
import { Scratch } from './lib/scratch';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = 20;
const POOL_SIZE = 10;
const MB = 1024 * 1024;
const PORT = 3900 + Math.floor(Math.random() * 90);

/**
 * A JPEG of noise (nothing compresses away) of about `bytes`: as a phone writes it (EXIF with an
 * orientation to apply: re-encoded by the service), or `plain` (no metadata: stored as it is).
 */
async function photoOf(bytes: number, plain = false): Promise<Buffer> {
  let side = Math.round(Math.sqrt(bytes / 0.9));
  for (;;) {
    const raw = randomBytes(side * side * 3);
    const image = sharp(raw, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 80 });
    const jpeg = await (plain ? image : image.withMetadata({ orientation: 6 })).toBuffer();
    if (jpeg.length <= bytes && jpeg.length > bytes * 0.95) return jpeg;
    side = Math.floor(side * Math.sqrt((bytes * 0.975) / jpeg.length));
  }
}

/** A scanned letter: a PDF holding one page with a photo, about `bytes`. */
async function pdfOf(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setAuthor('bench');
  const image = await doc.embedJpg(await photoOf(bytes - 2000));
  doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return Buffer.from(await doc.save());
}

/** Peak resident memory of a process since the last reset (Linux), in MB; the reset needs root. */
const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

async function main(): Promise<void> {
  const scratch = new Scratch();
  try {
    const limits = {
      ATTACHMENT_MAX_FILE_BYTES: String(10 * MB),
      ATTACHMENT_MAX_CASE_BYTES: String(1024 * 1024 * MB),
      ATTACHMENT_BYTES_PER_CLIENT_PER_HOUR: String(1024 * 1024 * MB),
    };
    const config = loadConfig(scratch.env(limits));
    await prepareDatabase(config, { migrate: true });
    const base = await scratch.startServer(PORT, {
      ...limits,
      APP_ROLE: 'api',
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '100000000',
    });
    const pid = scratch.serverPid!;
    const http = new HttpPool(base, { connections: CLIENTS });
    const db = new DataSource(
      dataSourceOptions({ ...config, database: { ...config.database, poolSize: POOL_SIZE } }),
    );
    await db.initialize();
    const store = new PostgresBlobStore(db);

    // one complaint per client, each taking files (status received)
    const codes: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await http.request({
        method: 'POST',
        path: '/api/v1/orgs/demo/complaints',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          categoryCode: 'street_lighting',
          subject: 'ไฟถนนดับ',
          description: 'ไฟถนนดับทั้งซอย มีรูปประกอบ',
          complainant: { name: 'สมศรี', phone: '0812345678' },
        }),
      });
      const body = (await res.body.json()) as { trackingCode: string };
      if (res.statusCode !== 201) throw new Error(`filing: ${res.statusCode} ${JSON.stringify(body)}`);
      codes.push(body.trackingCode);
    }
    const upload = (file: Buffer, name: string) => async (worker: number) => {
      const { payload, headers } = multipart([{ filename: name, data: file }]);
      const res = await http.request({
        method: 'POST',
        path: `/api/v1/track/${codes[worker]}/attachments`,
        headers,
        body: payload,
      });
      const text = await res.body.text();
      if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${text}`);
    };
    const direct = (file: Buffer) => async (worker: number, i: number) => {
      await store.put(`bench-${worker}-${i}-${randomBytes(4).toString('hex')}`, Readable.from([file]));
    };

    const pdf1 = await pdfOf(MB);
    const photo1 = await photoOf(MB);
    const plain1 = await photoOf(MB, true);
    const sizes: Record<string, number> = {
      PDF: pdf1.length,
      'phone photo': photo1.length,
      plain: plain1.length,
    };
    console.log(
      `files: ${Object.entries(sizes)
        .map(([k, v]) => `${k} ${(v / MB).toFixed(2)} MB`)
        .join(', ')}`,
    );
    // warm up (JIT, connections, libvips)
    await runLoad('warm-up', CLIENTS, 2, upload(photo1, 'warm.jpg'));

    const rows: LoadResult[] = [];
    const cpu: string[] = [];
    const pair = async (label: string, file: Buffer, name: string) => {
      const baseline = await runLoad(`${label}: store directly`, CLIENTS, SECONDS, direct(file));
      const before = cpuMs(pid);
      const service = await runLoad(`${label}: POST upload`, CLIENTS, SECONDS, upload(file, name));
      cpu.push(`${label} ${((cpuMs(pid) - before) / service.requests).toFixed(0)} ms`);
      rows.push(baseline, service);
      return service.perSecond / baseline.perSecond;
    };
    const plainRatio = await pair('1 MB plain photo', plain1, 'plain.jpg');
    const pdfRatio = await pair('1 MB PDF', pdf1, 'letter.pdf');
    const photoRatio = await pair('1 MB phone photo', photo1, 'photo.jpg');
    printResults(rows);
    console.log(
      `service CPU per upload: ${cpu.join('; ')} (machine load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
    );
    console.log(
      `ratio upload/direct: plain photo ${plainRatio.toFixed(2)}× (target ≥ 0.5×), PDF ${pdfRatio.toFixed(2)}×, ` +
        `phone photo ${photoRatio.toFixed(2)}×`,
    );
    console.log(
      `MB/s stored: ${rows.map((r) => `${r.label} ${((r.perSecond * (r.label.includes('PDF') ? pdf1 : r.label.includes('plain') ? plain1 : photo1).length) / MB).toFixed(1)}`).join('; ')}`,
    );

    // peak memory while 20 clients upload 10 MB files
    const pdf10 = await pdfOf(10 * MB - 64 * 1024);
    const photo10 = await photoOf(10 * MB - 64 * 1024);
    const plain10 = await photoOf(10 * MB - 64 * 1024, true);
    for (const [label, file, name] of [
      ['10 MB plain photo', plain10, 'big-plain.jpg'],
      ['10 MB PDF', pdf10, 'big.pdf'],
      ['10 MB phone photo', photo10, 'big.jpg'],
    ] as const) {
      const idle = rssMb(pid);
      resetPeak(pid);
      const r = await runLoad(`${label}: POST upload`, CLIENTS, SECONDS, upload(file, name));
      console.log(
        `${label} (${(file.length / MB).toFixed(2)} MB) at ${CLIENTS} clients: ${r.perSecond.toFixed(1)} uploads/s, ` +
          `${r.errors} errors; service RSS before ${idle.toFixed(0)} MB, peak ${peakRssMb(pid).toFixed(0)} MB`,
      );
    }
    await db.destroy();
    await http.close();
  } finally {
    await scratch.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
