// Generate as files (async chunk, with the direct template writer and fflate): the application layer renders the
// templates (src/app/templates.ts), one .xlsx is downloaded for one unit, one .zip for several. Progress comes
// before each unit, and the page gets a frame to repaint and to take a click on 取消 between units.
import { zipSync } from 'fflate';
import { renderTemplates, templatesZipName, type TemplateFile } from '../../app/templates';
import type { GenerateRequest, GenerateResult } from '../operations';
import { downloadBytes, nextFrame, XLSX_MIME } from './download';

export async function generateFiles(request: GenerateRequest): Promise<GenerateResult> {
  const { catalog, units, signal, onProgress, deadline } = request;
  const files: TemplateFile[] = [];
  const { cancelled } = await renderTemplates(catalog, units, {
    deadline,
    signal,
    onProgress: async (progress) => {
      onProgress(progress);
      if (progress.current !== null) await nextFrame();
    },
    onFile: (file) => {
      files.push(file);
    },
  });
  // A cancelled run downloads nothing: half a set of files is easy to mistake for the whole.
  if (cancelled || files.length === 0) return { done: files.length, cancelled: true, outputs: [] };

  if (files.length === 1) {
    downloadBytes(files[0]!.bytes, files[0]!.name, XLSX_MIME);
    return { done: 1, cancelled: false, outputs: [files[0]!.name] };
  }
  const zipName = templatesZipName(catalog.year, files.length);
  // Already-compressed xlsx files: storing them again costs nothing and keeps the zip quick to build.
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }]])));
  downloadBytes(zip, zipName, 'application/zip');
  return { done: files.length, cancelled: false, outputs: [zipName] };
}
