// The open workbook's bytes, for 提交 in the task pane: Office.context.document.getFileAsync(Compressed) read in
// slices of at most 4 MB (larger slice sizes fail with "Internal Error"), and the file is always closed — with
// more than two files open, getFileAsync fails for the rest of the session.
export const MAX_SLICE = 4 * 1024 * 1024;

type Callback<T> = (result: {
  status: 'succeeded' | 'failed' | string;
  value: T;
  error?: { code: number; message: string };
}) => void;

export interface OfficeFileLike {
  size: number;
  sliceCount: number;
  getSliceAsync(
    index: number,
    callback: Callback<{ data: ArrayLike<number> | ArrayBuffer; index: number; size: number }>,
  ): void;
  closeAsync(callback?: Callback<void>): void;
}

export interface OfficeDocumentLike {
  getFileAsync(fileType: string, options: { sliceSize: number }, callback: Callback<OfficeFileLike>): void;
}

export class WorkbookFileError extends Error {
  constructor(
    readonly code: 'file-read-failed',
    readonly officeCode?: number,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export async function readOpenWorkbook(document: OfficeDocumentLike, sliceSize = MAX_SLICE): Promise<Uint8Array> {
  const size = Math.min(sliceSize, MAX_SLICE);
  const file = await new Promise<OfficeFileLike>((resolve, reject) => {
    document.getFileAsync('compressed', { sliceSize: size }, (r) => {
      if (r.status === 'succeeded') resolve(r.value);
      else reject(new WorkbookFileError('file-read-failed', r.error?.code, r.error?.message));
    });
  });
  try {
    const out = new Uint8Array(file.size);
    let offset = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await new Promise<ArrayLike<number> | ArrayBuffer>((resolve, reject) => {
        file.getSliceAsync(i, (r) => {
          if (r.status === 'succeeded') resolve(r.value.data);
          else reject(new WorkbookFileError('file-read-failed', r.error?.code, r.error?.message));
        });
      });
      const bytes = slice instanceof ArrayBuffer ? new Uint8Array(slice) : Uint8Array.from(slice);
      if (offset + bytes.length > out.length)
        throw new WorkbookFileError('file-read-failed', undefined, 'slices longer than the file');
      out.set(bytes, offset);
      offset += bytes.length;
    }
    if (offset !== out.length)
      throw new WorkbookFileError('file-read-failed', undefined, `read ${offset} of ${out.length} bytes`);
    return out;
  } finally {
    await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
  }
}
