// The layer table of the README ("Layout of the code"), as rules that `npm test` checks (npm run lint:layers).
// Each folder of src/ may import only what its row allows; import cycles are forbidden everywhere in src/.
// A new folder needs a row here and in the README.
/** @type {import('dependency-cruiser').IConfiguration} */

/** Folders of src/ (one layer each). */
const LAYERS = ['core', 'app', 'xlsx', 'docx', 'office', 'folders', 'i18n', 'seeds', 'taskpane', 'cli'];

/**
 * What each layer may import, besides itself. npm packages are listed by name; `node:` means Node's built-in modules.
 * The pane is built for the browser: nothing under it, nor anything it loads (app, core, xlsx, docx, office,
 * folders except the Node-only adapters), may use Node's modules.
 */
const MAY_USE = {
  core: { layers: [], packages: ['zod'] },
  i18n: { layers: ['core'], packages: ['i18next'] },
  seeds: { layers: [], packages: [] },
  xlsx: { layers: ['core'], packages: ['exceljs', 'fflate'] },
  docx: { layers: ['core'], packages: ['fflate'] },
  office: { layers: ['core'], packages: [] },
  folders: {
    layers: ['core'],
    packages: ['webdav', '@microsoft/microsoft-graph-client', '@azure/msal-browser', 'node:'],
  },
  app: { layers: ['core', 'xlsx', 'docx', 'i18n', 'seeds'], packages: ['zod'] },
  taskpane: {
    layers: ['app', 'core', 'i18n', 'office', 'folders'],
    packages: ['react', 'react-dom', '@fluentui/react-components', 'react-i18next', 'i18next', 'zod', 'fflate'],
  },
  cli: { layers: ['app', 'core', 'i18n', 'xlsx', 'docx', 'folders', 'seeds'], packages: ['commander', 'node:'] },
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function layerRules() {
  const rules = [];
  for (const layer of LAYERS) {
    const allowed = MAY_USE[layer];
    const others = LAYERS.filter((l) => l !== layer && !allowed.layers.includes(l));
    if (others.length > 0) {
      rules.push({
        name: `${layer}-imports-a-layer-it-may-not`,
        comment: `src/${layer} may use only ${allowed.layers.length ? allowed.layers.map((l) => `src/${l}`).join(', ') : 'itself'} (README, Layout of the code)`,
        severity: 'error',
        from: { path: `^src/${layer}/` },
        to: { path: `^src/(${others.join('|')})/` },
      });
    }
    const packages = allowed.packages.filter((p) => p !== 'node:');
    rules.push({
      name: `${layer}-imports-a-package-it-may-not`,
      comment: `src/${layer} may use only these packages: ${allowed.packages.join(', ') || 'none'}`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: {
        dependencyTypesNot: ['local', 'core'],
        pathNot: packages.length ? `node_modules/(${packages.map(escape).join('|')})/` : undefined,
      },
    });
    if (!allowed.packages.includes('node:')) {
      rules.push({
        name: `${layer}-uses-node`,
        comment: `src/${layer} runs in the browser or must stay pure: no Node built-in modules`,
        severity: 'error',
        from: { path: `^src/${layer}/` },
        // A type-only import names Node's types for a run-time check (xlsx's SHA-256: Node's where there is one).
        to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
      });
    }
  }
  return rules.map((rule) => {
    if (rule.to.pathNot === undefined) delete rule.to.pathNot;
    return rule;
  });
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle, at file level (folder-level cycles between layers are ruled out by the table)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      comment:
        'An import cycle between folders (core/plan → core/validate → core/plan, say), even when no file cycle exists',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unknown-folder',
      comment: 'Every folder of src/ is a layer of the table: add a row in .dependency-cruiser.cjs and the README',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: {},
    },
    ...layerRules(),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '\\.(json|txt|html)$' },
  },
};
