// 发布模板: one template per unit into the shared folder, at <year>/templates/<unit>.xlsx. A template already there
// is reported as 'exists' and left as it is (somebody may have edited it on the server). One existence check per
// template, pushFile's own (the core's never-overwrite rule): the template is rendered only once its path is known
// to be free, so an existing template costs neither the rendering nor an upload.
import type { Unit } from '../core/catalog/model';
import { toIssue, type FolderIssue } from '../core/folders/errors';
import type { SharedFolder } from '../core/folders/folder';
import { templatePath } from '../core/folders/layout';
import { pushFile, type PushReceipt } from '../core/folders/push';
import type { RetryPolicy } from '../core/folders/retry';
import { templateFileNames, type RenderProgress } from './templates';

export interface PublishPorts {
  folder: SharedFolder;
  /** The unit's template file (called only when its path is free). */
  render: (unit: Unit) => Promise<Uint8Array>;
  /** Checked before each unit: once aborted, no further template is published. */
  signal?: AbortSignal;
  /** Before each unit and once at the end; awaited. */
  onProgress?: (progress: RenderProgress) => void | Promise<void>;
  retry?: RetryPolicy;
  now?: () => Date;
}

export type PublishedTemplate = { unit: Unit; path: string } & (
  { status: 'sent'; receipt: PushReceipt } | { status: 'exists' } | { status: 'failed'; issue: FolderIssue }
);

export interface PublishResult {
  /** True when the signal stopped the run before every unit was tried. */
  cancelled: boolean;
  files: PublishedTemplate[];
}

export async function publishTemplates(
  year: number,
  units: readonly Unit[],
  ports: PublishPorts,
): Promise<PublishResult> {
  const names = templateFileNames(units);
  const files: PublishedTemplate[] = [];
  for (const [index, unit] of units.entries()) {
    if (ports.signal?.aborted) break;
    await ports.onProgress?.({ done: index, total: units.length, current: unit.name });
    const path = templatePath(year, names[index]!);
    try {
      const receipt = await pushFile(ports.folder, path, () => ports.render(unit), {
        retry: ports.retry,
        now: ports.now,
      });
      files.push({ unit, path, status: 'sent', receipt });
    } catch (error) {
      const issue = toIssue(error);
      files.push(
        issue.code === 'already-exists' ? { unit, path, status: 'exists' } : { unit, path, status: 'failed', issue },
      );
    }
  }
  await ports.onProgress?.({ done: files.length, total: units.length, current: null });
  return { cancelled: files.length < units.length, files };
}
