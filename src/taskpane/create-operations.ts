// Picks the operations for the host. Heavy work (catalog reading, ExcelJS, the validator, the Office adapter)
// sits behind import() so that none of it is in the first-render bundle.
import type { PaneHost } from './host';
import type { Catalog } from '../core/catalog/model';
import { addAllNamespaces } from './i18n';
import type {
  FolderOperations,
  GenerateTarget,
  ResultsOperations,
  ReviewRequest,
  TaskpaneOperations,
} from './operations';

/** 设置 / 提交 / 发布模板 / 汇总: the folder engine (with the WebDAV/Graph clients) loads on first use. */
function lazyFolders(host: PaneHost): FolderOperations {
  const load = async () =>
    (await import(/* webpackChunkName: "engine-folders" */ './engine/folders')).paneFolderOperations(host);
  // The panels ask for the destination as soon as they show (生成 at start-up): a small chunk, not the engine.
  const settings = () => import(/* webpackChunkName: "engine-settings" */ './engine/settings');
  return {
    loadDestination: async () => (await settings()).loadDestination(),
    saveDestination: async (destination, password) =>
      (await settings()).saveCheckedDestination(destination, password, host),
    hasSessionPassword: async () => (await settings()).getSessionPassword() !== null,
    testDestination: async () => (await load()).testDestination(),
    submit: async (request) => (await load()).submit(request),
    listQueue: async () => (await load()).listQueue(),
    retryQueue: async () => (await load()).retryQueue(),
    publishTemplates: async (request) => (await load()).publishTemplates(request),
    collect: async (request) => (await load()).collect(request),
    resultCopies: async (request) => (await load()).resultCopies(request),
  };
}

/** 考核设置 and 结果: the results engine (collect, the result, the archive, the Office adapter) loads on first use. */
function lazyResults(host: PaneHost): ResultsOperations {
  const rules = () => import(/* webpackChunkName: "engine-result-rules" */ './engine/result-rules');
  const load = async () =>
    (await import(/* webpackChunkName: "engine-results" */ './engine/results')).paneResultsOperations(host);
  return {
    loadRules: async (year) => (await rules()).loadRules(year),
    saveRules: async (year, form) => {
      const module = await rules();
      // The refusals are worded by the results namespace, which the first render does not carry.
      await addAllNamespaces();
      return module.saveRules(year, form);
    },
    readRulesFile: async (file) => (await load()).readRulesFile(file),
    ...(host.kind === 'excel' ? { readRulesFromWorkbook: async () => (await load()).readRulesFromWorkbook!() } : {}),
    downloadEmptyInput: async (kind, catalog, lang) => (await load()).downloadEmptyInput(kind, catalog, lang),
    run: async (request) => (await load()).run(request),
    archive: async (request) => (await load()).archive(request),
  };
}

export function createOperations(host: PaneHost): TaskpaneOperations {
  const files = {
    loadEmbeddedCatalog: async () =>
      (await import(/* webpackChunkName: "engine-catalog" */ './engine/catalog')).loadEmbeddedCatalog(),
    readCatalogFile: async (file: File) =>
      (await import(/* webpackChunkName: "engine-catalog" */ './engine/catalog')).readCatalogFile(file),
    checkFile: async (file: File) =>
      (await import(/* webpackChunkName: "engine-check" */ './engine/check')).checkFile(file),
    downloadProblemList: async (file: File, lang: string) =>
      (await import(/* webpackChunkName: "engine-check" */ './engine/check')).downloadProblemList(file, lang),
    listScorers: async (catalog: Catalog) =>
      (await import(/* webpackChunkName: "engine-scorers" */ './engine/scorers')).listScorers(catalog),
    review: async (request: ReviewRequest) =>
      (await import(/* webpackChunkName: "engine-folders" */ './engine/folders')).paneReview(host, request),
    problemList: async (file: File, lang: string) =>
      (await import(/* webpackChunkName: "engine-check" */ './engine/check')).problemListOf(file, lang),
  };
  if (host.kind === 'browser') {
    return {
      host,
      generateTargets: ['files'],
      ...files,
      folders: lazyFolders(host),
      results: lazyResults(host),
      generate: async (request) =>
        (await import(/* webpackChunkName: "engine-generate" */ './engine/generate')).generateFiles(request),
    };
  }
  const targets: GenerateTarget[] = ['workbook', 'files'];
  return {
    host,
    generateTargets: targets,
    ...files,
    folders: lazyFolders(host),
    results: lazyResults(host),
    generate: async (request) =>
      request.target === 'workbook'
        ? (await import(/* webpackChunkName: "engine-office" */ './engine/office')).insertIntoWorkbook(request)
        : (await import(/* webpackChunkName: "engine-generate" */ './engine/generate')).generateFiles(request),
    checkWorkbook: async () =>
      (await import(/* webpackChunkName: "engine-office" */ './engine/office')).checkOpenWorkbook(),
    startLive: async (onPass, onError) =>
      (await import(/* webpackChunkName: "engine-office" */ './engine/office')).startLive(onPass, onError),
    selectCell: async (sheet, cell) =>
      (await import(/* webpackChunkName: "engine-office" */ './engine/office')).selectCell(sheet, cell),
    markProblems: async () => (await import(/* webpackChunkName: "engine-office" */ './engine/office')).markProblems(),
    clearMarks: async () =>
      (await import(/* webpackChunkName: "engine-office" */ './engine/office')).clearProblemMarks(),
    currentMarks: async () => (await import(/* webpackChunkName: "engine-office" */ './engine/office')).currentMarks(),
    readMasterFromWorkbook: async () =>
      (await import(/* webpackChunkName: "engine-master" */ './engine/master')).readMasterFromWorkbook(),
    exportMasterToWorkbook: async (catalog) =>
      (await import(/* webpackChunkName: "engine-master" */ './engine/master')).writeMasterToWorkbook(catalog),
  };
}
