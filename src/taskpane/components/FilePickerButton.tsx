// The one way a view asks for a file: a button that opens the browser's file picker, and the hidden
// <input type="file"> behind it (labelled like the button, so tests and assistive tools find it). The input is
// emptied after each pick, so picking the same file again reads it again.
import { useRef } from 'react';
import { Button, makeStyles, type ButtonProps } from '@fluentui/react-components';

const useStyles = makeStyles({ hidden: { display: 'none' } });

export function FilePickerButton({
  label,
  accept,
  onFile,
  multiple,
  onFiles,
  disabled,
  appearance,
  size,
  testId,
}: {
  label: string;
  /** The `accept` list (components/file-types.ts). */
  accept: string;
  onFile: (file: File) => void;
  /** Several files at once: handed to onFiles (onFile is then not called). */
  multiple?: boolean;
  onFiles?: (files: File[]) => void;
  disabled?: boolean;
  appearance?: ButtonProps['appearance'];
  size?: ButtonProps['size'];
  /** data-testid of the input, where tests hand it a file. */
  testId?: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button appearance={appearance} size={size} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        className={styles.hidden}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (multiple && onFiles && files.length > 0) onFiles(files);
          else if (files[0]) onFile(files[0]);
          e.target.value = '';
        }}
      />
    </>
  );
}
