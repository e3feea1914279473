// What the task pane can do, as plain async operations. index.tsx picks the implementation: inside Excel the
// src/office adapter, in a plain browser file-based versions (download / file picker). Views only call these
// and present the results; they never touch Excel, ExcelJS or the validator directly.
import type { ProblemList } from '../app/problem-list';
import type { TFunction } from 'i18next';
import type { Catalog, Unit } from '../core/catalog/model';
import type { DestinationKind, DestinationRefusal } from '../app/destination';
import type { PickedFile } from '../app/collect/picked-files';
import type { GraphCloud } from '../folders/graph-cloud';
import type { PaneHost } from './host';
import type { Group } from '../core/catalog/model';
import type { Component, QuotaOutcome, ResultIssue, Settings } from '../core/results/model';
import type { ResultSource } from '../app/results';

export type GenerateTarget = 'workbook' | 'files';

export interface GenerateProgress {
  done: number;
  total: number;
  /** The unit being worked on, or null when finished. */
  current: string | null;
}

export interface GenerateRequest {
  catalog: Catalog;
  units: Unit[];
  target: GenerateTarget;
  /** The date by which units return their sheets (yyyy-mm-dd), said in each 填报说明; none when absent. */
  deadline?: string;
  signal: AbortSignal;
  onProgress: (progress: GenerateProgress) => void;
}

export interface GenerateResult {
  /** Units whose sheets were produced before finishing or cancelling. */
  done: number;
  cancelled: boolean;
  /** Names the user will see: downloaded file names or inserted sheet names. */
  outputs: string[];
}

/** One problem, presented: stable code, where it is, and a message in the current language. */
export interface PaneIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  sheet: string | null;
  cell: string | null;
  message: (t: TFunction) => string;
}

export interface BlockTotal {
  block: 'party' | 'own';
  weight: number;
  self: number;
}

/** Problem cells marked in the open workbook: the sheet and how many cells. */
export interface CellMarks {
  sheet: string;
  count: number;
}

/** A validation pass over a returned sheet or the live workbook, ready to show. */
export interface PaneReport {
  /** File name, or null for the open workbook. */
  source: string | null;
  unitName: string | null;
  valid: boolean;
  /** The validator's verdict: 通过, 不通过, or 无法识别 (not a sheet of ours, or a file that cannot be read). */
  status: 'valid' | 'invalid' | 'unreadable';
  filled: { done: number; total: number } | null;
  blocks: BlockTotal[];
  /** assessed is null until the assessment team has entered a score. */
  total: { weight: number; self: number; assessed: number | null } | null;
  issues: PaneIssue[];
  /** A result copy (评分结果) sent back to a unit: checked against its own record; no 问题清单 goes with it. */
  resultCopy?: true;
  /** A scoring workbook (评分表): unitName is then its scorer, and per unit what is scored so far. */
  scoring?: { units: ScoringUnitView[] };
}

export interface ScoringUnitView {
  name: string;
  /** Rows of this unit in the workbook, and how many have a 考核得分. */
  items: number;
  scored: number;
  weight: number;
  /** The sum of its 考核得分; null while none is scored. */
  assessed: number | null;
}

export type LiveStop = () => Promise<void>;

export interface TaskpaneOperations {
  host: PaneHost;
  /** Generation targets this host offers, preferred first. */
  generateTargets: GenerateTarget[];
  loadEmbeddedCatalog(): Promise<Catalog>;
  readCatalogFile(file: File): Promise<Catalog>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Check a returned file chosen by the user (every host). */
  checkFile(file: File): Promise<PaneReport>;
  /** 问题清单 of a file (src/app/problem-list.ts), downloaded as an .xlsx named for the unit; resolves with its name. */
  downloadProblemList?: (file: File, lang: string) => Promise<string>;
  /** 问题清单 of a file as lines worded in `lang`, for the print view. */
  problemList?: (file: File, lang: string) => Promise<ProblemList>;
  /** Check the open workbook (Excel only). */
  checkWorkbook?: () => Promise<PaneReport>;
  /** Live panel for the 填报 view (Excel only). */
  startLive?: (onPass: (report: PaneReport) => void, onError: (error: unknown) => void) => Promise<LiveStop>;
  /** Jump to a cell (Excel only). */
  selectCell?: (sheet: string, cell: string) => Promise<void>;
  /** 在表中标出问题 after checkWorkbook (Excel only): null when no problem names a cell of the unit's sheet. */
  markProblems?: () => Promise<CellMarks | null>;
  /** 清除标记: the marked cells get their own fill back (Excel only). */
  clearMarks?: () => Promise<void>;
  /** The marks in the workbook now (kept while the pane is open), or null. */
  currentMarks?: () => Promise<CellMarks | null>;
  /** 设置 / 提交 / 发布模板 / 汇总; a host without a shared folder shows no such panel. */
  folders?: FolderOperations;
  /** Excel: a catalog read back from a master sheet of the open workbook (考核目标, else the active sheet). */
  readMasterFromWorkbook?: () => Promise<Catalog>;
  /** Excel: the catalog written into the open workbook as a master sheet; resolves with the new sheet's name. */
  exportMasterToWorkbook?: (catalog: Catalog) => Promise<string>;
  /** 考核设置 (in 设置) and 结果 (result table, 考核结果, 归档). */
  results?: ResultsOperations;
  /** 评分: the catalog's scorers (owners, then the 考核组) with what each scores, to tick before building. */
  listScorers(catalog: Catalog): Promise<ScorerView[]>;
  /** 评分: the scoring workbooks (src/app/review.ts) from the shared folder or picked files, as one zip download. */
  review(request: ReviewRequest): Promise<ReviewOutcome>;
}

// --- 评分 (engine/review.ts).

export interface ScorerView {
  /** Stable within a catalog (src/core/catalog/scorers.ts scorerKey). */
  key: string;
  /** The owner's name; null for the 考核组 (worded by the view). */
  name: string | null;
  /** false: an owner's name as written, which names no single unit of the catalog. */
  resolved: boolean;
  /** Distinct items (a group's shared 党政建设 item once), units, and (unit, item) rows to score. */
  items: number;
  units: number;
  pairs: number;
}

export interface ReviewProgressView {
  /** Reading the returned sheets, then writing the workbooks. */
  phase: 'reading' | 'writing';
  done: number;
  total: number;
  /** The file being read or the scorer whose workbook was written; null while listing. */
  current: string | null;
}

export interface ReviewRequest {
  catalog: Catalog;
  /** Keys of the scorers ticked; omitted: every scorer. */
  scorers?: string[];
  /** Files the user picked: read instead of the shared folder. */
  picked?: { label: string; files: PickedFile[] };
  signal?: AbortSignal;
  onProgress: (progress: ReviewProgressView) => void;
}

export interface ReviewOutcome {
  files: number;
  units: number;
  /** Units with a valid returned sheet. */
  returned: number;
  /** Units without one: their rows say 未提交 in the workbooks. */
  notReturned: string[];
  /** What the CLI prints per workbook: file, scorer, units, rows to score. */
  workbooks: { name: string; scorer: string; units: number; items: number }[];
  output: { kind: 'download'; fileName: string } | { kind: 'cancelled' };
}

/** An error the pane can explain: a stable code with params for the taskpane locale's `errors.*` keys. */
export class PaneError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    /**
     * The part of the message another domain words (a shared-folder failure, a reader's diagnostic), kept as a
     * value and worded when the error is shown, in the language of that moment; the pane's message has it as
     * {{detail}}.
     */
    readonly detail?: (t: TFunction) => string,
  ) {
    super(code);
    this.name = 'PaneError';
  }
}

// --- Shared folder: 设置, 提交, 发布模板, 汇总 (implementations in engine/settings.ts, engine/folders.ts, engine/collect.ts).

export type { DestinationKind, DestinationRefusal };

/** Where submissions, templates and the summary's sources live. Never holds a password or a token. */
export interface DestinationSettings {
  kind: DestinationKind;
  /** WebDAV: the folder's URL. */
  url: string;
  /** WebDAV: the user name (the password is asked per session and kept in memory only). */
  user: string;
  /** Graph: "/me/drive", "/drives/{id}" or "/sites/{id}/drive". */
  drive: string;
  /** Graph: the folder inside the drive. */
  root: string;
  /** Graph: the Entra application (client) id. */
  clientId: string;
  /** Graph: the Microsoft 365 cloud — global, or China operated by 21Vianet (sign-in and Graph hosts). */
  cloud: GraphCloud;
}

export interface FolderReceiptView {
  /** Full location: the destination's label and the path. */
  location: string;
  path: string;
  size: number;
  sha256: string;
  pushedAt: string;
  verifiedBy: 'read-back' | 'server-hash';
}

export type SubmitOutcome =
  | { kind: 'sent'; report: PaneReport; receipt: FolderReceiptView }
  | { kind: 'downloaded'; report: PaneReport; fileName: string }
  | { kind: 'blocked'; report: PaneReport }
  | { kind: 'cancelled'; report: PaneReport }
  | { kind: 'queued'; report: PaneReport; message: (t: TFunction) => string }
  | { kind: 'failed'; report: PaneReport | null; message: (t: TFunction) => string };

export interface SubmitRequest {
  /** The returned sheet to send: in a plain browser a file the user picks; in Excel omitted (the open workbook). */
  file?: File;
  /** Called when the check found warnings but no errors: true sends anyway. */
  confirmWarnings: (warnings: PaneIssue[]) => Promise<boolean>;
  onStep?: (step: SubmitStep) => void;
}

export type SubmitStep = 'check' | 'read' | 'mkdir' | 'upload' | 'verify' | 'move' | 'cleanup' | 'retry' | 'record';

export interface QueuedSubmission {
  id: string;
  fileName: string;
  target: string;
  destination: string;
  createdAt: string;
  attempts: number;
  lastError: ((t: TFunction) => string) | null;
}

export interface RetryOutcome {
  sent: number;
  failed: number;
  /** Entries meant for another destination than the configured one are left alone. */
  skipped: number;
}

export interface PublishProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface PublishRequest {
  catalog: Catalog;
  units: Unit[];
  signal: AbortSignal;
  onProgress: (progress: PublishProgress) => void;
}

export interface PublishedFile {
  unit: string;
  path: string;
  status: 'sent' | 'exists' | 'failed';
  receipt?: FolderReceiptView;
  message?: (t: TFunction) => string;
}

export interface PublishResult {
  cancelled: boolean;
  files: PublishedFile[];
}

export interface CollectProgressView {
  done: number;
  total: number;
  file: string | null;
}

export interface CollectRequest {
  catalog: Catalog;
  /** Language of the summary's words. */
  lang: string;
  onProgress: (progress: CollectProgressView) => void;
  /** Files the user picked (a folder with its subfolders, or several files): collected instead of the shared folder. */
  picked?: { label: string; files: PickedFile[] };
  /** 取消: no further file is read, and nothing is added to the workbook or downloaded. */
  signal?: AbortSignal;
}

export interface CollectOutcome {
  files: number;
  units: number;
  valid: number;
  invalid: number;
  missing: string[];
  /** Excel: the sheets added to the open workbook; browser: the downloaded file. */
  output:
    | { kind: 'sheets'; names: string[]; chart: boolean }
    | { kind: 'download'; fileName: string }
    | { kind: 'cancelled' };
}

/** 回传评分结果: from the shared folder or picked files, as 汇总 reads them. */
export type ResultCopiesRequest = CollectRequest;

export interface ResultCopiesOutcome {
  files: number;
  /** Copies made (one per unit with a valid returned sheet and at least one item scored). */
  copies: number;
  /** Units without a copy, and why. */
  skipped: { unit: string; reason: 'not-returned' | 'not-scored' }[];
  /** The downloaded zip; none when no unit could have a copy; cancelled: nothing downloaded. */
  output: { kind: 'download'; fileName: string } | { kind: 'none' } | { kind: 'cancelled' };
}

export interface FolderOperations {
  loadDestination(): Promise<DestinationSettings>;
  /**
   * Checks the destination and saves it when nothing is refused; `password` (WebDAV) is kept in memory for this
   * session only; null keeps the current. Resolves with the refusals, field by field (empty: saved).
   */
  saveDestination(settings: DestinationSettings, password: string | null): Promise<DestinationRefusal[]>;
  hasSessionPassword(): Promise<boolean>;
  /** Lists the destination's root: proves the address, the login and CORS. */
  testDestination(): Promise<number>;
  submit(request: SubmitRequest): Promise<SubmitOutcome>;
  listQueue(): Promise<QueuedSubmission[]>;
  retryQueue(): Promise<RetryOutcome>;
  publishTemplates(request: PublishRequest): Promise<PublishResult>;
  collect(request: CollectRequest): Promise<CollectOutcome>;
  resultCopies(request: ResultCopiesRequest): Promise<ResultCopiesOutcome>;
}

// --- 结果 and 考核设置 (implementations in engine/results.ts and engine/result-rules.ts).

/** 考核设置 as the form holds it: texts as typed, turned into the settings file's shape by `rulesInput`. */
export interface RulesForm {
  /** Off: no weighting (the composite is the assessed total, or the self total while unassessed). */
  weighted: boolean;
  weights: { self: string; assessed: string; survey: string };
  grades: Array<{ name: string; min: string }>;
  quota: { enabled: boolean; grade: string; share: string };
  /** Empty: no cap. */
  bonusCap: string;
}

/** A settings file, register or survey refused whole: why, worded when shown. */
export interface InputRefusalView {
  source: ResultSource;
  file: string;
  reasons: (t: TFunction) => string[];
}

export type RulesRead = { ok: true; settings: Settings } | { ok: false; refusal: InputRefusalView };

export interface ResultsProgressView {
  done: number;
  total: number;
  file: string | null;
}

export interface ResultsRequest {
  catalog: Catalog;
  /** Language of the summary's and the 考核结果 sheet's words. */
  lang: string;
  /** Files the user picked, collected instead of the shared folder (as 汇总). */
  picked?: { label: string; files: PickedFile[] };
  register?: File;
  survey?: File;
  signal?: AbortSignal;
  onProgress: (progress: ResultsProgressView) => void;
}

/** One unit's line of the result table: the core's figures, nothing recomputed. */
export interface ResultRowView {
  name: string;
  rank: number | null;
  self: number | null;
  assessed: number | null;
  survey: number | null;
  composite: number | null;
  bonus: number;
  deduction: number;
  final: number | null;
  grade: string | null;
  pending: boolean;
  veto: boolean;
  missing: Component[];
  /** The missing components, worded ("考核、测评"), or null. */
  missingText: ((t: TFunction) => string) | null;
  quota: QuotaOutcome | null;
}

export interface ResultGroupView {
  group: Group;
  /** In rank order (vetoed units after the others, units without a final last), as the 考核结果 sheet. */
  rows: ResultRowView[];
}

/** A register or survey row left out (or a decision), worded when shown. */
export interface InputIssueView {
  source: ResultSource;
  file: string;
  cell: string | null;
  message: (t: TFunction) => string;
}

export type ResultsOutcome =
  | { kind: 'refused'; refusal: InputRefusalView }
  | { kind: 'cancelled'; files: number }
  | {
      kind: 'done';
      files: number;
      /** The settings saved for the catalog's year were used (else the defaults). */
      savedRules: boolean;
      groups: ResultGroupView[];
      decisions: Array<{ group: Group; message: (t: TFunction) => string }>;
      inputIssues: InputIssueView[];
      output: { kind: 'sheets'; names: string[] } | { kind: 'download'; fileName: string };
    };

export interface ArchiveRunRequest {
  catalog: Catalog;
  /** The targets file the catalog was read from; absent: the embedded 2019 document. */
  catalogFile?: File;
  lang: string;
  register?: File;
  survey?: File;
  /** Returned files the user picked: archived from them and downloaded as a .zip (no shared folder needed). */
  picked?: { label: string; files: PickedFile[] };
  onProgress: (done: number, total: number) => void;
}

export type ArchiveRunOutcome =
  | { kind: 'archived'; location: string; files: number; manifestSha256: string }
  | { kind: 'downloaded'; fileName: string; files: number; manifestSha256: string }
  | { kind: 'exists'; location: string }
  | { kind: 'refused'; refusal: InputRefusalView };

export interface ResultsOperations {
  /** The rules saved for a year (this computer's pane storage), or the defaults. */
  loadRules(year: number): Promise<{ settings: Settings; saved: boolean }>;
  /** Checks the form with the core's rules and saves it for the year only when nothing is refused. */
  saveRules(year: number, form: RulesForm): Promise<ResultIssue[]>;
  /** Rules from a picked settings file (JSON, or an .xlsx with a 考核设置 sheet), checked, not saved. */
  readRulesFile(file: File): Promise<RulesRead>;
  /** Excel: rules from the open workbook's 考核设置 sheet, checked, not saved. */
  readRulesFromWorkbook?: () => Promise<RulesRead>;
  /** The empty register or survey of the catalog's year, downloaded; resolves with the file's name. */
  downloadEmptyInput(kind: 'register' | 'survey', catalog: Catalog, lang: string): Promise<string>;
  run(request: ResultsRequest): Promise<ResultsOutcome>;
  /**
   * 归档 into the shared folder's <year>/archive/ (throws noDestination when none is configured), or, over picked
   * files, into a .zip that is downloaded.
   */
  archive(request: ArchiveRunRequest): Promise<ArchiveRunOutcome>;
}
