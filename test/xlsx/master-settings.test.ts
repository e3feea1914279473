// The master workbook's 考核设置 sheet: `catalog --xlsx F [--settings S]` writes the year's rules beside the
// targets, they are read back unchanged (`collect --settings master.xlsx` uses them), the catalog still reads
// back from the same file, and a refused settings file writes nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSettingsFile } from '../../src/app/results';
import type { CollectJson } from '../../src/cli/commands/collect';
import { DEFAULT_SETTINGS } from '../../src/core/results/settings';
import { readWorkbook } from '../../src/xlsx/read';
import { cli } from '../support/cli';

const SETTINGS = {
  weights: { self: 20, assessed: 60, survey: 20 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '合格', min: 80 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 3.5,
};

let work: string;
const file = (name: string): string => path.join(work, name);
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-master-settings-'));
  writeFileSync(file('settings.json'), JSON.stringify(SETTINGS));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('catalog --xlsx: the 考核设置 sheet', () => {
  test('written from --settings and read back unchanged; the targets still read back from the same file', async () => {
    const run = await cli('catalog', '--xlsx', file('master.xlsx'), '--settings', file('settings.json'), '--json');
    expect(run.code).toBe(1); // the 2019 document's own errors; the file is written
    const bytes = new Uint8Array(readFileSync(file('master.xlsx')));
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.contents.sheets.map((s) => s.name)).toEqual(['考核目标', '说明', '考核设置']);
    expect(readSettingsFile(file('master.xlsx'), bytes)).toEqual({ ok: true, value: SETTINGS, issues: [] });
    const back = JSON.parse((await cli('catalog', file('master.xlsx'), '--json')).stdout) as { units: unknown[] };
    expect(back.units).toHaveLength(52);
  });

  test('without --settings the sheet holds the default settings (today’s behaviour), ready to fill in', async () => {
    await cli('catalog', '--xlsx', file('default.xlsx'));
    const bytes = new Uint8Array(readFileSync(file('default.xlsx')));
    expect(readSettingsFile(file('default.xlsx'), bytes)).toEqual({ ok: true, value: DEFAULT_SETTINGS, issues: [] });
  });

  test('a refused settings file is named with its field, and no master workbook is written', async () => {
    writeFileSync(file('bad.json'), JSON.stringify({ weights: { self: 50, assessed: 60 } }));
    const run = await cli('catalog', '--xlsx', file('never.xlsx'), '--settings', file('bad.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`考核设置 ${file('bad.json')} 不能采用，未写入考核目标总表：`);
    expect(run.stderr).toContain('  weights：自评、考核、测评三项权重之和须为 100，现为 110。');
    expect(existsSync(file('never.xlsx'))).toBe(false);
  });

  test('collect --settings master.xlsx applies the sheet’s rules', async () => {
    const empty = file('empty-share');
    mkdirSync(empty);
    const run = await cli('collect', empty, '--json', '--settings', file('master.xlsx'));
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as CollectJson;
    // Nothing returned: with grades set, every unit is pending (待定) for want of its three components.
    expect(json.units.every((u) => u.pending === true && u.final === null)).toBe(true);
    expect(json.units[0]!.missing).toEqual(['self', 'assessed', 'survey']);
  });
});
