// The command line's own words — help headings, the help option, usage errors — in Chinese by default and in
// English with --lang en, as the commands' messages are.
import { translateCommanderError } from '../../src/cli/commander-texts';
import { createTranslator } from '../../src/i18n';
import { cli } from '../support/cli';

test('the help is Chinese throughout: headings, the commands, the help option and help command', async () => {
  const run = await cli('--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^用法：target-sheets /);
  expect(run.stdout).toContain('选项：');
  expect(run.stdout).toContain('命令：');
  expect(run.stdout).toContain('显示此命令的帮助');
  expect(run.stdout).toContain('显示某个命令的帮助');
  expect(run.stdout).toContain('为每个单位生成考核目标评分表');
  expect(run.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/);
});

test("a command's help names every kind of catalog source it takes", async () => {
  const run = await cli('generate', '--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('参数：');
  expect(run.stdout).toMatch(/\.docx[\s\S]*\.txt[\s\S]*\.xlsx[\s\S]*JSON/);
});

test('with --lang en the help is English, headings and descriptions alike', async () => {
  const run = await cli('generate', '--lang', 'en', '--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Usage: target-sheets generate /);
  expect(run.stdout).toContain('Options:');
  expect(run.stdout).not.toMatch(/[\u4e00-\u9fff]/);
});

test('usage errors are said in Chinese, with the suggestion, and exit 1 without running anything', async () => {
  const option = await cli('generate', '--ot', 'x');
  expect(option.code).toBe(1);
  expect(option.stderr).toContain('错误：没有“--ot”这个选项（是不是想用 --out？）');
  const command = await cli('generat');
  expect(command.code).toBe(1);
  expect(command.stderr).toContain('错误：没有“generat”这个命令（是不是想用 generate？）');
  const missing = await cli('generate', '--out');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('错误：选项 --out <dir> 后面缺少取值');
  expect(`${option.stderr}${command.stderr}${missing.stderr}`).not.toContain('error:');
});

test('each commander error wording is translated, and an unknown one is kept as it is', () => {
  const zh = createTranslator('zh-CN');
  expect(translateCommanderError("error: missing required argument 'from'\n", zh)).toBe('错误：缺少参数 from\n');
  expect(translateCommanderError("error: required option '--out <dir>' not specified\n", zh)).toBe(
    '错误：必须给出选项 --out <dir>\n',
  );
  expect(translateCommanderError("error: too many arguments for 'collect'. Expected 1 argument but got 2.\n", zh)).toBe(
    '错误：参数太多（应为 1 个，实际 2 个）\n',
  );
  expect(translateCommanderError("error: unknown option '--x'\n(Did you mean one of --out, --unit?)\n", zh)).toBe(
    '错误：没有“--x”这个选项（是不是想用 --out, --unit？）\n',
  );
  expect(translateCommanderError('error: something commander says one day\n', zh)).toBe(
    'error: something commander says one day\n',
  );
});
