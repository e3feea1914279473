// Units → template files, the one way for the CLI's generate, the pane's download and 发布模板: the same run gives
// the same bytes whichever SHA-256 the face passes, progress comes before each unit and once at the end, and a
// cancelled run stops before the next unit.
import { createHash } from 'node:crypto';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { planRun, TEMPLATE_LANG } from '../../src/app/plan';
import {
  renderTemplates,
  templateFileNames,
  templatesZipName,
  type RenderTemplatesOptions,
  type TemplateFile,
} from '../../src/app/templates';
import { sheetTexts } from '../../src/i18n/sheet-texts';

const catalog = loadEmbeddedCatalog();
const units = catalog.units.slice(0, 3);
const createdAt = '2019-12-01T00:00:00Z';

async function files(options: Omit<RenderTemplatesOptions, 'onFile'>) {
  const out: TemplateFile[] = [];
  const result = await renderTemplates(catalog, units, { ...options, onFile: (f) => void out.push(f) });
  return { out, result };
}

test("the pane's templates (the core's SHA-256) and the CLI's (Node's) are the same bytes, named alike", async () => {
  const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const pane = await files({ createdAt });
  const cli = await files({ createdAt, sha256: nodeSha256 });
  expect(cli.out.map((f) => f.bytes)).toEqual(pane.out.map((f) => f.bytes));
  expect(pane.out.map((f) => f.name)).toEqual(templateFileNames(units));
  expect(pane.result).toEqual({ done: 3, cancelled: false });
});

test('templates are written in one language whatever the face speaks', () => {
  expect(planRun(catalog, { createdAt }).texts).toBe(sheetTexts(TEMPLATE_LANG));
  expect(TEMPLATE_LANG).toBe('zh-CN');
});

test('progress comes before each unit and once at the end; cancelling stops before the next unit', async () => {
  const seen: (string | null)[] = [];
  const controller = new AbortController();
  const { out, result } = await files({
    createdAt,
    signal: controller.signal,
    onProgress: (p) => {
      seen.push(p.current);
      if (p.done === 1) controller.abort();
    },
  });
  expect(seen).toEqual([units[0]!.name, units[1]!.name, null]);
  expect(out.map((f) => f.unit.name)).toEqual([units[0]!.name, units[1]!.name]);
  expect(result).toEqual({ done: 2, cancelled: true });
});

test("a run's zip is named in the templates' language with the glossary's product name", () => {
  expect(TEMPLATE_LANG).toBe('zh-CN');
  expect(templatesZipName(2019, 3)).toBe('2019年度考核目标评分表（3个单位）.zip');
});
