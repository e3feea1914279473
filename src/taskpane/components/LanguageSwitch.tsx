// A native <select> (Fluent Select): keyboard and screen readers know it, and it costs far less than a Dropdown.
import { useId } from 'react';
import { Label, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, normaliseLang, type Lang } from '../../i18n/lang';
import { rememberLang } from '../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const styles = useStyles();
  const selectId = useId();
  const current = normaliseLang(i18n.language);

  const choose = (lang: Lang) => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
    rememberLang(lang);
  };

  return (
    <div className={styles.root}>
      <Label htmlFor={selectId}>{t('language')}</Label>
      <Select
        id={selectId}
        value={current}
        onChange={(_, data) => choose(normaliseLang(data.value))}
        data-testid="language"
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`languages.${lang}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
