// A run's progress as the views show it (生成, 发布模板, 汇总): a bar of done out of total, labelled, with a line
// saying what is being worked on.
import { Field, ProgressBar } from '@fluentui/react-components';

export function ProgressField({
  done,
  total,
  label,
  message,
}: {
  done: number;
  total: number;
  /** The bar's accessible name. */
  label: string;
  message: string;
}) {
  return (
    <Field validationState="none" validationMessage={message}>
      <ProgressBar value={done} max={Math.max(1, total)} aria-label={label} />
    </Field>
  );
}
