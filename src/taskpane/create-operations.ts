// Picks the operations for the host. Heavy work (catalog reading, ExcelJS, the validator, the Office adapter)
// sits behind import() so that none of it is in the first-render bundle.
import type { PaneHost } from './host';
import type { GenerateTarget, TaskpaneOperations } from './operations';

export function createOperations(host: PaneHost): TaskpaneOperations {
  const files = {
    loadEmbeddedCatalog: async () => (await import(/* webpackChunkName: "engine-catalog" */ './engine/catalog')).loadEmbeddedCatalog(),
    readCatalogFile: async (file: File) => (await import(/* webpackChunkName: "engine-catalog" */ './engine/catalog')).readCatalogFile(file),
    checkFile: async (file: File) => (await import(/* webpackChunkName: "engine-check" */ './engine/check')).checkFile(file),
  };
  if (host.kind === 'browser') {
    return {
      host,
      generateTargets: ['files'],
      ...files,
      generate: async (request) => (await import(/* webpackChunkName: "engine-generate" */ './engine/generate')).generateFiles(request),
    };
  }
  const targets: GenerateTarget[] = ['workbook', 'files'];
  return {
    host,
    generateTargets: targets,
    ...files,
    generate: async (request) =>
      request.target === 'workbook'
        ? (await import(/* webpackChunkName: "engine-office" */ './engine/office')).insertIntoWorkbook(request)
        : (await import(/* webpackChunkName: "engine-generate" */ './engine/generate')).generateFiles(request),
    checkWorkbook: async () => (await import(/* webpackChunkName: "engine-office" */ './engine/office')).checkOpenWorkbook(),
    startLive: async (onPass, onError) => (await import(/* webpackChunkName: "engine-office" */ './engine/office')).startLive(onPass, onError),
    selectCell: async (sheet, cell) => (await import(/* webpackChunkName: "engine-office" */ './engine/office')).selectCell(sheet, cell),
  };
}
