// describeError words the Office adapter's failures in the pane's language instead of showing the bare code.
import { createTranslator, LANGUAGES } from '../../src/i18n';
import { OFFICE_ERROR_CODES, type OfficeErrorCode } from '../../src/office/error-codes';
import { OfficeAdapterError } from '../../src/office/excel-api';
import { describeError } from '../../src/taskpane/errors';

// Every code the adapter may throw (a Record over the type: a new code without params here does not compile).
const PARAMS: Record<OfficeErrorCode, Record<string, string>> = {
  'office-unavailable': {},
  'sheet-name-invalid': { name: 'a/b' },
  'render-failed': { sheet: '市发展改革委' },
  'sheet-missing': { sheet: '考核目标' },
  'marks-failed': { sheet: '市发展改革委' },
};
const CASES: [OfficeErrorCode, Record<string, string>][] = OFFICE_ERROR_CODES.map((code) => [code, PARAMS[code]]);

describe.each([...LANGUAGES])('describeError in %s', (lang) => {
  const t = createTranslator(lang);
  test.each(CASES)('an OfficeAdapterError %s is a message with its parameters, never the bare code', (code, params) => {
    const message = describeError(t, new OfficeAdapterError(code, params, { cause: new Error('GeneralException') }));
    expect(message).not.toContain(code);
    expect(message).not.toBe(t('common:unknownError', { message: code }));
    expect(message).toBe(t(`taskpane:officeErrors.${code}`, params));
    expect(message).not.toMatch(/\{\{|taskpane:|officeErrors/);
    for (const value of Object.values(params)) expect(message).toContain(value);
  });
});

test('the two languages word each Office error differently; an unrelated error is "unexpected" in the user\'s language, its English in the log', () => {
  const zh = createTranslator('zh-CN');
  const en = createTranslator('en');
  for (const [code, params] of CASES) {
    expect(describeError(zh, new OfficeAdapterError(code, params))).not.toBe(
      describeError(en, new OfficeAdapterError(code, params)),
    );
  }
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const error = new Error('Failed to fetch');
    const shown = describeError(zh, error);
    expect(shown).toBe(zh('common:unknownError'));
    // No English inside the Chinese message: the library's words are only in the log, once per error.
    expect(shown).not.toMatch(/[A-Za-z]/);
    expect(describeError(en, error)).not.toContain('Failed to fetch');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toContain(error);
  } finally {
    warn.mockRestore();
  }
});
