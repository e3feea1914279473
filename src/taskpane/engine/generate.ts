// Generate as files (async chunk, with the direct template writer and fflate): one .xlsx per unit, one .zip for
// several. Units are rendered one at a time, with progress after each and a chance to cancel between them. The
// direct writer writes what the ExcelJS renderer would (test/xlsx/render-direct.test.ts), without loading ExcelJS.
import { zipSync } from 'fflate';
import { renderPlanDirect } from '../../xlsx/render-direct';
import { uniqueFileNames } from '../../core/filename';
import type { GenerateRequest, GenerateResult } from '../operations';
import { downloadBytes, nextFrame, XLSX_MIME } from './download';
import { catalogIdentity, planFor, runTimestamp } from './plans';

export async function generateFiles(request: GenerateRequest): Promise<GenerateResult> {
  const { catalog, units, signal, onProgress } = request;
  const identity = catalogIdentity(catalog);
  const createdAt = runTimestamp();
  const names = uniqueFileNames(units.map((u) => u.name));
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [index, unit] of units.entries()) {
    if (signal.aborted) break;
    onProgress({ done: index, total: units.length, current: unit.name });
    await nextFrame();
    const bytes = await renderPlanDirect(planFor(unit, identity, createdAt));
    files.push({ name: names[index]!, bytes });
  }
  const cancelled = files.length < units.length;
  onProgress({ done: files.length, total: units.length, current: null });
  // A cancelled run downloads nothing: half a set of files is easy to mistake for the whole.
  if (cancelled || files.length === 0) return { done: files.length, cancelled: true, outputs: [] };

  if (files.length === 1) {
    downloadBytes(files[0]!.bytes, files[0]!.name, XLSX_MIME);
    return { done: 1, cancelled: false, outputs: [files[0]!.name] };
  }
  const zipName = `${catalog.year}-targets-${files.length}.zip`;
  // Already-compressed xlsx files: storing them again costs nothing and keeps the zip quick to build.
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }]])));
  downloadBytes(zip, zipName, 'application/zip');
  return { done: files.length, cancelled: false, outputs: [zipName] };
}
