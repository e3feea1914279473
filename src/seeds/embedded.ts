// The 2019 targets document, bundled into the CLI and the task pane as the default catalog source.
import text2019 from '../../seeds/2019-targets.txt';

export const EMBEDDED_SOURCE_NAME = '2019-targets.txt';
export const EMBEDDED_SOURCE_TEXT: string = text2019;
