// The Excel stand-in (excel-mock.ts) is only worth what it refuses. Two things are checked here:
// 1. Ranges (and their format, font, fill, borders, cell protection, data validation, conditional formats),
//    used ranges, worksheets (and their protection, freeze panes, page layout, autofilter), the worksheet
//    collection and the application are strict: a member the stand-in does not model (a misspelt one above all)
//    throws a TypeError as soon as it is read, called or set, while the correctly spelt member works. Every
//    member the stand-in models is one Office.js has (checked against @types/office-js).
// 2. Each Excel.run has its own queue: what a batch queued and never sent (it threw before its sync, or forgot
//    it) is dropped when the batch ends, never applied by the next batch's sync; and the adapter's own batches
//    leave nothing unsent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { checkOpenWorkbook, startLiveCheck } from '../../src/office/check';
import { runExcel, runExcelIn } from '../../src/office/excel-api';
import { selectCell } from '../../src/office/navigate';
import { readWorkbookContents } from '../../src/office/read-workbook';
import { insertPlans } from '../../src/office/render-plan';
import { SHAPES, useFakeExcel, type FakeExcel, type JournalEntry, type Shape } from './excel-mock';
import { samplePlan } from './sample-plan';

const excel = useFakeExcel();
let fake: FakeExcel;

/** A fresh stand-in holding Sheet1 with numbers in A1:B3. */
function setUp(): FakeExcel {
  fake = excel.install();
  const sheet = fake.addSheet('Sheet1');
  for (let r = 1; r <= 3; r++)
    for (let c = 1; c <= 2; c++) sheet.cells.set(`${r},${c}`, { input: r * c, value: r * c });
  return fake;
}

/** An Office.js object seen as what JavaScript lets a misspelling do to it. */
function loose(object: object): Record<string, unknown> {
  return object as Record<string, unknown>;
}
type Fn = (...args: unknown[]) => unknown;

type Step = (ws: Excel.Worksheet, context: Excel.RequestContext) => void | Promise<void>;

/**
 * Each case: what it is, the misspelt use (must throw a TypeError at once), the correct one (must go through a
 * sync), and how many syncs the misspelt use makes before the misspelling (default none).
 */
const cases: [string, Step, Step, number?][] = [
  [
    'Range: a property set',
    (ws) => {
      loose(ws.getRange('A1')).numberFromat = [['@']];
    },
    (ws) => {
      ws.getRange('A1').numberFormat = [['@']];
    },
  ],
  [
    'Range: a method call',
    (ws) => {
      (loose(ws.getRange('A1:B1')).mrege as Fn)(false);
    },
    (ws) => {
      ws.getRange('A1:B1').merge(false);
    },
  ],
  [
    'Range: a navigation property',
    (ws) => {
      (loose(loose(ws.getRange('A1')).dataValidaton as object).clear as Fn)();
    },
    (ws) => {
      ws.getRange('A1').dataValidation.clear();
    },
  ],
  [
    'RangeFormat: a property set',
    (ws) => {
      loose(ws.getRange('A:A').format).colmnWidth = 40;
    },
    (ws) => {
      ws.getRange('A:A').format.columnWidth = 40;
    },
  ],
  [
    'RangeFormat: a navigation property',
    (ws) => {
      loose(loose(ws.getRange('A1').format).fnt as object).bold = true;
    },
    (ws) => {
      ws.getRange('A1').format.font.bold = true;
    },
  ],
  [
    'RangeFont',
    (ws) => {
      loose(ws.getRange('A1').format.font).bld = true;
    },
    (ws) => {
      ws.getRange('A1').format.font.bold = true;
    },
  ],
  [
    'RangeFill',
    (ws) => {
      loose(ws.getRange('A1').format.fill).colour = '#FF0000';
    },
    (ws) => {
      ws.getRange('A1').format.fill.color = '#FF0000';
    },
  ],
  [
    'RangeBorderCollection',
    (ws) => {
      (loose(ws.getRange('A1').format.borders).getItm as Fn)('EdgeTop');
    },
    (ws) => {
      ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Continuous';
    },
  ],
  [
    'RangeBorder',
    (ws) => {
      loose(ws.getRange('A1').format.borders.getItem('EdgeTop')).wieght = 'Thin';
    },
    (ws) => {
      ws.getRange('A1').format.borders.getItem('EdgeTop').weight = 'Thin';
    },
  ],
  [
    'FormatProtection',
    (ws) => {
      loose(ws.getRange('A1').format.protection).lockd = false;
    },
    (ws) => {
      ws.getRange('A1').format.protection.locked = false;
    },
  ],
  [
    'DataValidation',
    (ws) => {
      loose(ws.getRange('A1').dataValidation).ignoreBlank = true;
    },
    (ws) => {
      ws.getRange('A1').dataValidation.ignoreBlanks = true;
    },
  ],
  [
    'ConditionalFormat',
    (ws) => {
      loose(ws.getRange('A1').conditionalFormats.add('Custom').custom.rule).fomula = '=A1>0';
    },
    (ws) => {
      ws.getRange('A1').conditionalFormats.add('Custom').custom.rule.formula = '=A1>0';
    },
  ],
  [
    'Range (used range): a read',
    (ws) => {
      void loose(ws.getUsedRange()).adress;
    },
    (ws) => {
      ws.getUsedRange().load('address');
    },
  ],
  [
    'Worksheet: a property set',
    (ws) => {
      loose(ws).nmae = 'Renamed';
    },
    (ws) => {
      ws.name = 'Renamed';
    },
  ],
  [
    'Worksheet: a read-only property set',
    (ws) => {
      loose(ws).id = '{other}';
    },
    (ws) => {
      ws.load('id');
    },
  ],
  [
    'Worksheet: a method call',
    (ws) => {
      (loose(ws).getRnge as Fn)('A1');
    },
    (ws) => {
      ws.getRange('A1').select();
    },
  ],
  [
    'Worksheet: a read',
    (ws) => {
      void loose(ws).visiblity;
    },
    (ws) => {
      ws.load('visibility');
    },
  ],
  [
    'WorksheetProtection: a method call',
    (ws) => {
      (loose(ws.protection).protectt as Fn)();
    },
    (ws) => {
      ws.protection.protect();
    },
  ],
  [
    'WorksheetProtection: a read-only property set',
    (ws) => {
      loose(ws.protection).protected = true;
    },
    (ws) => {
      ws.protection.load('protected');
    },
  ],
  [
    'WorksheetFreezePanes',
    (ws) => {
      (loose(ws.freezePanes).freezeRow as Fn)(1);
    },
    (ws) => {
      ws.freezePanes.freezeRows(1);
    },
  ],
  [
    'PageLayout',
    (ws) => {
      loose(ws.pageLayout).orientaton = 'Landscape';
    },
    (ws) => {
      ws.pageLayout.orientation = 'Landscape';
    },
  ],
  [
    'AutoFilter',
    (ws) => {
      (loose(ws.autoFilter).aply as Fn)(ws.getRange('A1:B3'));
    },
    (ws) => {
      ws.autoFilter.apply(ws.getRange('A1:B3'));
    },
  ],
  [
    'WorksheetCollection',
    (_ws, context) => {
      (loose(context.workbook.worksheets).getItm as Fn)('Sheet1');
    },
    (_ws, context) => {
      context.workbook.worksheets.getItem('Sheet1').activate();
    },
  ],
  [
    'Application',
    (_ws, context) => {
      (loose(context.workbook.application).calculat as Fn)('Full');
    },
    (_ws, context) => {
      context.workbook.application.calculate('Full');
    },
  ],
  [
    'Worksheet (an item of a loaded collection)',
    async (_ws, context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      void loose(sheets.items[0]!).nmae;
    },
    async (_ws, context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      expect(sheets.items[0]!.name).toBe('Sheet1');
    },
    1,
  ],
];

describe('strict objects: a member the stand-in does not model throws a TypeError at once', () => {
  test.each(cases)('%s', async (_what, misspelt, correct, syncsBefore = 0) => {
    setUp();
    const error = await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      await misspelt(ws, context);
      return null;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).toMatch(/the fake Excel's \w+/);
    // Thrown where the adapter wrote it, not by a later sync: the stand-in got no sync after the misspelling.
    expect(fake.syncs).toBe(syncsBefore);
    // The misspelt batch threw before its (next) sync: what it had queued then was never sent, on purpose here.
    excel.allowUnsent();
    const unsent = fake.unsent.length;
    // The correct spelling goes through (so the stand-in does not simply refuse everything), all of it sent.
    await runExcel(async (context) => {
      await correct(context.workbook.worksheets.getItem('Sheet1'), context);
      await context.sync();
    });
    expect(fake.unsent).toHaveLength(unsent);
  });

  test('the misspelt member is named in the message, and a read-only one is called read-only', async () => {
    setUp();
    await expect(
      runExcel(async (context) => {
        loose(context.workbook.worksheets.getItem('Sheet1').getRange('A1').format.font).bld = true;
      }),
    ).rejects.toThrow("the fake Excel's RangeFont (format.font) has no settable bld");
    await expect(
      runExcel(async (context) => {
        loose(context.workbook.worksheets.getItem('Sheet1').protection).protected = false;
      }),
    ).rejects.toThrow("the fake Excel's WorksheetProtection.protected (protection.protected) is read-only");
    excel.allowUnsent(); // both batches threw before a sync, on purpose
  });

  test('what JavaScript itself reads still works: awaiting an object, JSON of a range, printing it', async () => {
    setUp();
    await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const range = ws.getRange('A1:B2');
      // An Office.js object has no `then`: awaiting it gives the object itself.
      expect(await Promise.resolve(ws)).toBe(ws);
      expect(JSON.stringify({ range })).toBe('{"range":{"range":"A1:B2"}}');
      expect(() => String(range)).not.toThrow();
      await context.sync();
    });
  });

  test('a border index Excel.BorderIndex does not have rejects the sync', async () => {
    setUp();
    await expect(
      runExcel(async (context) => {
        context.workbook.worksheets
          .getItem('Sheet1')
          .getRange('A1')
          .format.borders.getItem('EdgeTopp' as Excel.BorderIndex).style = 'Continuous';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

// ---- every modelled member is an Office.js member (per @types/office-js) ------------------------------------

/** Members of each class of the Excel and OfficeExtension namespaces: name → 'readonly' | 'property' | 'method'. */
function officeJsClasses(): Map<string, Map<string, 'readonly' | 'property' | 'method'>> {
  const file = path.join(__dirname, '../../node_modules/@types/office-js/index.d.ts');
  const source = readFileSync(file, 'utf8');
  const classes = new Map<string, Map<string, 'readonly' | 'property' | 'method'>>();
  const bases = new Map<string, string>();
  for (const ns of ['OfficeExtension', 'Excel']) {
    const start = source.indexOf(`declare namespace ${ns} {`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = source.indexOf('\ndeclare namespace', start + 1);
    const text = source
      .slice(start, end)
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const header = /\n {4}class (\w+)(?:<[^>]*>)?(?: extends ([\w.]+))? \{/g;
    for (let m = header.exec(text); m; m = header.exec(text)) {
      if (classes.has(m[1]!)) continue;
      let i = m.index + m[0].length;
      let depth = 1;
      const start = i;
      while (depth > 0 && i < text.length) {
        const ch = text[i++];
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
      }
      const members = new Map<string, 'readonly' | 'property' | 'method'>();
      for (const line of text.slice(start, i).split('\n')) {
        const member = /^ {8}(readonly )?(\w+)\??(\(|:|<)/.exec(line);
        if (member && member[2] !== 'constructor') {
          members.set(member[2]!, member[1] ? 'readonly' : member[3] === ':' ? 'property' : 'method');
        }
      }
      classes.set(m[1]!, members);
      if (m[2]) bases.set(m[1]!, m[2].replace(/^OfficeExtension\./, ''));
    }
  }
  // Inherited members (ClientObject's context and isNullObject).
  for (const [name, base] of bases) {
    for (const [member, kind] of classes.get(base) ?? [])
      if (!classes.get(name)!.has(member)) classes.get(name)!.set(member, kind);
  }
  return classes;
}

function allShapes(): { at: string; shape: Shape }[] {
  const out: { at: string; shape: Shape }[] = [];
  const walk = (at: string, shape: Shape) => {
    out.push({ at, shape });
    for (const [key, child] of Object.entries(shape.children ?? {})) walk(`${at}.${key}`, child);
  };
  for (const [name, shape] of Object.entries(SHAPES)) walk(name, shape);
  return out;
}

test('every member the stand-in models exists in Office.js, and every property it lets be set is settable there', () => {
  const classes = officeJsClasses();
  const wrong: string[] = [];
  for (const { at, shape } of allShapes()) {
    const members = classes.get(shape.officeClass);
    if (!members) {
      wrong.push(`${at}: no class ${shape.officeClass}`);
      continue;
    }
    for (const name of [...(shape.read ?? []), ...Object.keys(shape.children ?? {})]) {
      if (!members.has(name)) wrong.push(`${at}: ${shape.officeClass} has no ${name}`);
    }
    for (const name of Object.keys(shape.children ?? {})) {
      if (members.get(name) === 'method') wrong.push(`${at}: ${shape.officeClass}.${name} is a method, not an object`);
    }
    for (const name of shape.set ?? []) {
      if (members.get(name) !== 'property')
        wrong.push(`${at}: ${shape.officeClass}.${name} cannot be set (${members.get(name) ?? 'no such member'})`);
    }
  }
  expect(wrong).toEqual([]);
  // The check itself sees what it should: a real setter, a read-only property, a method, an inherited member.
  expect(classes.get('RangeFont')!.get('bold')).toBe('property');
  expect(classes.get('WorksheetProtection')!.get('protected')).toBe('readonly');
  expect(classes.get('Range')!.get('merge')).toBe('method');
  expect(classes.get('Worksheet')!.get('isNullObject')).toBe('property');
  expect(classes.get('EventHandlers')!.get('add')).toBe('method');
});

// ---- one queue per Excel.run ---------------------------------------------------------------------------------

type Queued = Exclude<JournalEntry, { kind: 'sync' }>;
const what = (e: Queued) => (e.kind === 'set' ? `set ${e.prop}` : e.method);

/** The batch every dropped-batch test follows with: write B1 of Sheet1 and sync. */
async function writeB1(): Promise<void> {
  await runExcel(async (context) => {
    context.workbook.worksheets.getItem('Sheet1').getRange('B1').values = [['kept']];
    await context.sync();
  });
}

describe('each Excel.run is its own queue: unsent work ends with its batch', () => {
  test('a batch that throws before its sync sends nothing, and the next batch applies only its own work', async () => {
    setUp();
    const before = fake.sheet('Sheet1').cells.get('1,1');
    await expect(
      runExcel(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A1').values = [['lost']];
        ws.name = 'Lost';
        ws.protection.protect();
        context.workbook.worksheets.add('Ghost');
        throw new Error('the adapter failed before its sync');
      }),
    ).rejects.toThrow('the adapter failed before its sync');
    // The sheet it added never reached Excel.
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(fake.unsent.map((calls) => calls.map(what))).toEqual([
      ['worksheets.getItem', 'getRange', 'set values', 'set name', 'protection.protect', 'worksheets.add'],
    ]);
    excel.allowUnsent();

    await writeB1();
    const sheet = fake.sheet('Sheet1');
    expect(sheet.cells.get('1,1')).toEqual(before);
    expect(sheet.cells.get('1,2')).toEqual({ input: 'kept', value: 'kept' });
    expect(sheet.protected).toBe(false);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(fake.syncs).toBe(1);
    // The one request sent carries only the second batch's calls: as large as the same batch on a fresh stand-in.
    const sent = fake.requestBytes;
    setUp();
    await writeB1();
    expect(sent).toEqual(fake.requestBytes);
  });

  test('a batch that ends without its last sync (a forgotten context.sync()) drops what it queued after the last one', async () => {
    setUp();
    await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('C1').values = [['sent']];
      await context.sync();
      ws.getRange('D1').values = [['never sent']];
      ws.freezePanes.freezeRows(1);
    });
    const sheet = fake.sheet('Sheet1');
    expect(sheet.cells.get('1,3')?.value).toBe('sent');
    expect(sheet.cells.has('1,4')).toBe(false);
    expect(sheet.frozen).toBeNull();
    expect(fake.unsent.map((calls) => calls.map(what))).toEqual([['getRange', 'set values', 'freezePanes.freezeRows']]);
    excel.allowUnsent();
    await writeB1();
    expect(sheet.cells.has('1,4')).toBe(false);
    expect(sheet.frozen).toBeNull();
  });

  test('a sync that Excel refuses does not leave its effects for the next batch either', async () => {
    setUp();
    await expect(
      runExcel(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.protection.unprotect(); // Sheet1 is not protected: Excel refuses (AccessDenied) and stops there
        ws.getRange('E1').values = [['after the refusal']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await writeB1();
    expect(fake.sheet('Sheet1').cells.has('1,5')).toBe(false);
    expect(fake.unsent).toEqual([]);
  });

  test('a refused sync leaves no sheet behind: adding a taken name (ItemAlreadyExists) adds nothing', async () => {
    setUp();
    await expect(
      runExcel(async (context) => {
        context.workbook.worksheets.add('Fresh');
        context.workbook.worksheets.add('Sheet1');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(fake.unsent).toEqual([]);
    // The next batch sees the workbook as it was.
    const names = await runExcel(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(['Sheet1']);
  });

  test("a batch in an earlier batch's context (Excel.run(context, …), as removing event handlers) has that queue, and its sync sends it", async () => {
    setUp();
    const context = await runExcel(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('F1').values = [['first run']];
      await ctx.sync();
      return ctx;
    });
    await runExcelIn(context, async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('G1').values = [['second run']];
      await ctx.sync();
    });
    expect(fake.sheet('Sheet1').cells.get('1,7')?.value).toBe('second run');
    expect(fake.unsent).toEqual([]);
  });

  test("the adapter's batches (generate, 检查, whole-workbook read, jump to a cell, live start and stop) leave nothing unsent", async () => {
    setUp();
    const plan = samplePlan();
    await insertPlans([plan]);
    await checkOpenWorkbook({ texts: LANGUAGES.map((lang) => sheetTexts(lang)), sheet: plan.sheetName });
    await readWorkbookContents();
    await selectCell(plan.sheetName, 'A1');
    const session = await startLiveCheck({
      validate: { texts: LANGUAGES.map((lang) => sheetTexts(lang)) },
      sheet: plan.sheetName,
      onPass: () => {},
      initialPass: true,
    });
    await session.runPass();
    await session.stop();
    expect(fake.runs).toBeGreaterThanOrEqual(7);
    expect(fake.unsent).toEqual([]);
  });
});
