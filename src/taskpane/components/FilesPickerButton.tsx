// A button that picks many files at once — a folder with its subfolders (`webkitdirectory`), or several files —
// and hands them on as PickedFile values (src/app/collect/picked-files.ts): path inside the picked folder, size,
// date, and bytes read only when asked. Chromium, Edge (Excel's webview on Windows) and Safari (on the Mac) take
// `webkitdirectory`; the input is emptied after each pick, so picking the same folder again reads it again.
import { useEffect, useRef } from 'react';
import { Button, makeStyles, type ButtonProps } from '@fluentui/react-components';
import type { PickedFile } from '../../app/collect/picked-files';

const useStyles = makeStyles({ hidden: { display: 'none' } });

export interface PickedFiles {
  /** The picked folder's name, or '' for loose files. */
  label: string;
  files: PickedFile[];
}

/** File objects as PickedFile values: the path without the picked folder's own name, '/'-separated. */
export function pickedFromFiles(files: readonly File[]): PickedFiles {
  let label = '';
  const picked = files.map((file): PickedFile => {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    if (slash > 0 && file.webkitRelativePath) label = relative.slice(0, slash);
    return {
      path: slash > 0 && file.webkitRelativePath ? relative.slice(slash + 1) : relative,
      size: file.size,
      modified: new Date(file.lastModified).toISOString(),
      read: async () => new Uint8Array(await file.arrayBuffer()),
    };
  });
  return { label, files: picked };
}

export function FilesPickerButton({
  label,
  directory,
  accept,
  onFiles,
  disabled,
  appearance,
  testId,
}: {
  label: string;
  /** Pick a folder (with its subfolders) rather than files. */
  directory?: boolean;
  accept?: string;
  /** The picked files, and the File objects themselves (for a face that takes files, like 检查). */
  onFiles: (picked: PickedFiles, files: File[]) => void;
  disabled?: boolean;
  appearance?: ButtonProps['appearance'];
  /** data-testid of the input, where tests hand it files or a folder. */
  testId?: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's typings: set as a plain attribute.
    if (directory) input.current?.setAttribute('webkitdirectory', '');
    else input.current?.removeAttribute('webkitdirectory');
  }, [directory]);
  return (
    <>
      <Button appearance={appearance} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={directory ? undefined : accept}
        className={styles.hidden}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length > 0) onFiles(pickedFromFiles(files), files);
          e.target.value = '';
        }}
      />
    </>
  );
}

/**
 * The pair every run over returned files offers beside the shared folder (汇总, 回传评分结果, 评分, 结果): pick a folder
 * (with its subfolders) or several .xlsx files. Test ids are `<testId>-folder` and `<testId>-files`.
 */
export function PickFolderOrFiles({
  folderLabel,
  filesLabel,
  onFiles,
  disabled,
  testId,
}: {
  folderLabel: string;
  filesLabel: string;
  onFiles: (picked: PickedFiles) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <>
      <FilesPickerButton
        label={folderLabel}
        directory
        onFiles={onFiles}
        disabled={disabled}
        testId={`${testId}-folder`}
      />
      <FilesPickerButton
        label={filesLabel}
        accept=".xlsx"
        onFiles={onFiles}
        disabled={disabled}
        testId={`${testId}-files`}
      />
    </>
  );
}
