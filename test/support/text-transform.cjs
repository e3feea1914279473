// Lets tests import text files (the embedded seed) the way webpack and esbuild do: as a string.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
