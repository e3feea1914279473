// Reading the open workbook through getFileAsync, with a stand-in for Office's document (no Office host here).
import { MAX_SLICE, type OfficeDocumentLike, readOpenWorkbook } from '../../src/folders/workbook-file';

function fakeDocument(bytes: Uint8Array, failSlice?: number) {
  const state = { requestedSlice: 0, closed: 0, slicesRead: [] as number[] };
  const doc: OfficeDocumentLike = {
    getFileAsync: (_type, options, cb) => {
      state.requestedSlice = options.sliceSize;
      const sliceCount = Math.ceil(bytes.length / options.sliceSize);
      cb({
        status: 'succeeded',
        value: {
          size: bytes.length,
          sliceCount,
          getSliceAsync: (i, done) => {
            state.slicesRead.push(i);
            if (i === failSlice) {
              done({ status: 'failed', value: undefined as never, error: { code: 5001, message: 'Internal Error' } });
              return;
            }
            const data = Array.from(bytes.subarray(i * options.sliceSize, (i + 1) * options.sliceSize));
            done({ status: 'succeeded', value: { data, index: i, size: data.length } });
          },
          closeAsync: (done) => {
            state.closed++;
            done?.({ status: 'succeeded', value: undefined });
          },
        },
      });
    },
  };
  return { doc, state };
}

const workbook = Uint8Array.from({ length: 9 * 1024 * 1024 + 123 }, (_, i) => (i * 7) & 255);

test('the open workbook is read in slices of at most 4 MB, reassembled exactly, and the file is closed', async () => {
  const { doc, state } = fakeDocument(workbook);
  const bytes = await readOpenWorkbook(doc, 64 * 1024 * 1024);
  expect(state.requestedSlice).toBe(MAX_SLICE);
  expect(state.slicesRead).toEqual([0, 1, 2]);
  expect(Buffer.from(bytes).equals(Buffer.from(workbook))).toBe(true);
  expect(state.closed).toBe(1);
});

test('a slice that fails is reported and the file is still closed', async () => {
  const { doc, state } = fakeDocument(workbook, 1);
  await expect(readOpenWorkbook(doc)).rejects.toMatchObject({ code: 'file-read-failed', officeCode: 5001 });
  expect(state.closed).toBe(1);
});
