/**
 * The complaint form's photos and PDF (kept apart from the form itself): chosen and previewed on the
 * form (`FilePicker`), sent with the tracking code once the complaint is filed, reported on the
 * receipt file by file.
 */
import { uploadFiles } from '../shared/attachments';
import { UploadQueue } from '../shared/UploadQueue';

/** On the receipt: the chosen files are sent with the tracking code, each one's outcome shown. */
export function ComplaintFilesReceipt({ code, files }: { code: string; files: File[] }) {
  if (!files.length) return null;
  return (
    <UploadQueue
      initial={files}
      send={(file) => uploadFiles(`/api/v1/track/${encodeURIComponent(code)}/attachments`, [file])}
    />
  );
}
