// 评分结果: a unit's sheet with the scores of the assessment round filled in, locked and fingerprinted, sent back to
// the unit (./build), recorded (./record) so that it can be checked (./validate) without anything else.
export { buildResultCopy, ASSESSED_REASON_COLUMN, ASSESSED_REASON_HEADER, type ResultBuildOptions } from './build';
export * from './model';
export { readResultRecord, type ResultRecordRead } from './record';
export {
  validateResultCopy,
  type ResultCopyIdentity,
  type ResultCopyReport,
  type ResultValidateOptions,
} from './validate';
