// Units → template files: each unit's sheet plan (./plan.ts) written by the direct template writer, which writes
// the very bytes of the ExcelJS renderer (test/xlsx/render-direct.test.ts) without loading ExcelJS. One way for
// the CLI's generate, the pane's download and 发布模板. Units are rendered one at a time: the caller gets each file
// as soon as it is made (to write it, zip it or push it), progress before each unit, and a chance to stop between
// units.
import type { Catalog, Unit } from '../core/catalog/model';
import { uniqueFileNames } from '../core/filename';
import { createTranslator, type TFunction } from '../i18n';
import { renderPlanDirect } from '../xlsx/render-direct';
import { planRun, planUnit, TEMPLATE_LANG, type PlanRun, type PlanRunOptions } from './plan';

export interface TemplateFile {
  unit: Unit;
  /** The file's name, distinct within the run (templateFileNames). */
  name: string;
  bytes: Uint8Array;
  /** The unit's position in the run. */
  index: number;
}

export interface RenderProgress {
  done: number;
  total: number;
  /** The unit about to be rendered, or null when the run is over. */
  current: string | null;
}

export interface RenderTemplatesOptions extends PlanRunOptions {
  /** Sheet protection password (never stored anywhere but in the protection's hash). */
  password?: string;
  /** Checked before each unit: once aborted, no further unit is rendered. */
  signal?: AbortSignal;
  /** Before each unit and once at the end; awaited, so a caller can let a page repaint between units. */
  onProgress?: (progress: RenderProgress) => void | Promise<void>;
  /** Each file as soon as it is made; awaited before the next unit. */
  onFile: (file: TemplateFile) => void | Promise<void>;
}

/** The file names of a run's templates, in unit order: the unit's name made safe, distinct within the run. */
export function templateFileNames(units: readonly Unit[]): string[] {
  return uniqueFileNames(units.map((u) => u.name));
}

let templateWords: TFunction | undefined;

/**
 * The name of the zip that holds a run's templates, e.g. 2019年度考核目标评分表（3个单位）.zip: in the templates'
 * language (TEMPLATE_LANG), like the files inside, with the glossary's product name.
 */
export function templatesZipName(year: number, count: number): string {
  templateWords ??= createTranslator(TEMPLATE_LANG);
  return templateWords('sheet:zipName', { year, count });
}

/** One unit's template file. */
export function renderTemplate(unit: Unit, run: PlanRun, password?: string): Promise<Uint8Array> {
  return renderPlanDirect(planUnit(unit, run), password ? { password } : {});
}

/** Renders the units' templates in order; `done` counts the files made, `cancelled` says the signal stopped the run. */
export async function renderTemplates(
  catalog: Catalog,
  units: readonly Unit[],
  options: RenderTemplatesOptions,
): Promise<{ done: number; cancelled: boolean }> {
  const run = planRun(catalog, options);
  const names = templateFileNames(units);
  let done = 0;
  for (const [index, unit] of units.entries()) {
    if (options.signal?.aborted) break;
    await options.onProgress?.({ done: index, total: units.length, current: unit.name });
    const bytes = await renderTemplate(unit, run, options.password);
    await options.onFile({ unit, name: names[index]!, bytes, index });
    done++;
  }
  await options.onProgress?.({ done, total: units.length, current: null });
  return { done, cancelled: done < units.length };
}
