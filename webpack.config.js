// Webpack build and HTTPS dev server for the task pane (src/taskpane/). Output goes to dist/web/ only:
// dist/cli/ (the CLI bundle) lives beside it and must survive `output.clean`.
//
//   npm run build                       production bundle, Office.js from Microsoft's CDN
//   OFFICE_JS=local npm run build       …with node_modules/@microsoft/office-js copied into dist/web/office-js/
//   npx webpack --mode production --env officeJs=local   (same, as a CLI flag)
//   npm run dev-server                  https://localhost:3000/taskpane.html (office-addin-dev-certs)
//   npx webpack --mode production --env react=react   React itself instead of Preact's compatibility layer
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OUT_DIR = path.resolve(__dirname, 'dist', 'web');
const DEV_URL = 'https://localhost:3000/';

/**
 * office-addin-dev-certs makes a localhost certificate and installs its CA as trusted. Installing needs
 * administrator rights (sudo on Linux); where that fails the certificate it made is still used, and the CA
 * file to trust by hand is named.
 */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    const fs = require('node:fs');
    const {
      caCertificatePath,
      localhostCertificatePath,
      localhostKeyPath,
    } = require('office-addin-dev-certs/lib/defaults');
    if (!fs.existsSync(localhostCertificatePath) || !fs.existsSync(localhostKeyPath)) throw error;
    console.warn(
      `[target-sheets] could not install the development CA (${error.message.split('\n')[0]}).\n` +
        `[target-sheets] serving with ${localhostCertificatePath}; trust ${caCertificatePath} in your browser or OS to avoid warnings.`,
    );
    return {
      cert: fs.readFileSync(localhostCertificatePath),
      key: fs.readFileSync(localhostKeyPath),
      ca: fs.readFileSync(caCertificatePath),
    };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const officeJsLocal = env.officeJs === 'local' || process.env.OFFICE_JS === 'local';
  // Where the add-in is hosted in production; manifest.xml is written for the dev server otherwise.
  const addinUrl = process.env.ADDIN_URL || env.addinUrl || '';
  const reactOnPreact = env.react !== 'react';

  const copyPatterns = [
    { from: 'assets', to: 'assets' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => {
        if (!addinUrl) return content;
        const base = addinUrl.endsWith('/') ? addinUrl : `${addinUrl}/`;
        return content.toString().split(DEV_URL).join(base);
      },
    },
  ];
  if (officeJsLocal) {
    // office.js loads host- and language-specific scripts from its own folder: copy the folder, minus the
    // debug builds and typings nobody loads.
    copyPatterns.push({
      from: path.resolve(__dirname, 'node_modules/@microsoft/office-js/dist'),
      to: 'office-js',
      globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts', '**/office-vsdoc.js'] },
      // Already minified by Microsoft: without this the production minimizer spends minutes on 23 MB of JS.
      info: { minimized: true },
    });
  }

  /** @type {import('webpack').Configuration & {devServer?: object}} */
  const config = {
    mode: production ? 'production' : 'development',
    // Current Office hosts only: Edge WebView2, Safari 15+ (Mac), Chrome/Edge (web). No IE 11 polyfills.
    target: ['web', 'es2020'],
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry: { taskpane: './src/taskpane/index.tsx', 'graph-auth': './src/folders/graph-auth-page.ts' },
    output: {
      path: OUT_DIR,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
      // src/xlsx/render.ts hashes sheet passwords with node:crypto. The pane never sets a password (a browser
      // cannot keep one secret), so that path is not bundled; ExcelJS itself uses its browser build.
      fallback: { crypto: false },
      // React's API on Preact (preact/compat): the same components at a sixth of react-dom's weight, which the pane's
      // 150 KB budget before 生成 is usable cannot carry. `--env react=react` builds with React itself. The browser
      // tests bundle the views with the same aliases (scripts/pane-react-alias.json, subpaths included).
      alias: reactOnPreact ? require('./scripts/pane-react-alias.json') : {},
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic', development: !production } },
                target: 'es2020',
              },
            },
          },
        },
        // The embedded targets document (src/seeds/embedded.ts imports the .txt as a string).
        { test: /\.txt$/, type: 'asset/source' },
        // src/i18n only defines data and functions: declaring it free of side effects lets the first-render
        // bundle take normaliseLang without every domain's locale files (the pane adds those later).
        { test: /[\\/]src[\\/]i18n[\\/]/, sideEffects: false },
      ],
    },
    plugins: [
      // `node:crypto` → `crypto`, which resolve.fallback leaves out (webpack does not handle the node: scheme for the web).
      new webpack.NormalModuleReplacementPlugin(/^node:crypto$/, (resource) => {
        resource.request = 'crypto';
      }),
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        templateParameters: { officeJsUrl: officeJsLocal ? 'office-js/office.js' : OFFICE_JS_CDN },
      }),
      // The Microsoft Graph sign-in dialog (fallback when the host has no nested app authentication).
      new HtmlWebpackPlugin({
        template: './src/folders/graph-auth.html',
        filename: 'graph-auth.html',
        chunks: ['graph-auth'],
        scriptLoading: 'defer',
        templateParameters: { officeJsUrl: officeJsLocal ? 'office-js/office.js' : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
    ],
    optimization: {
      // Initial chunk = the shell; everything heavy is an async chunk reached through import().
      splitChunks: {
        chunks: 'async',
        cacheGroups: {
          // The first render's libraries as separate files: the browser compiles several scripts in parallel.
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|preact)[\\/]/,
            name: 'react',
            chunks: 'initial',
            priority: 20,
          },
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|keyborg|tabster|@floating-ui|@swc)[\\/]/,
            name: 'fluent',
            chunks: 'initial',
            priority: 10,
          },
        },
      },
    },
    performance: { hints: false },
    stats: production ? 'normal' : 'minimal',
  };

  if (serving) {
    // Certificates only when serving: office-addin-dev-certs installs a trusted localhost CA on first use.
    config.devServer = {
      port: 3000,
      host: 'localhost',
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await httpsOptions() },
      static: { directory: OUT_DIR, watch: false },
      devMiddleware: { writeToDisk: false },
      open: false,
    };
  }
  return config;
};
