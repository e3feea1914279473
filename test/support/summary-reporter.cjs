// Prints one plain closing line ("tests: N passed, N failed, N skipped") after jest's own summary, so that any
// CI reader can tell how many tests ran without parsing jest's format.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numFailedTestSuites - results.numRuntimeErrorTestSuites;
    const line =
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
    if (results.numRuntimeErrorTestSuites > 0 || failedSuites > 0) {
      process.stdout.write(`suites failing to run: ${results.numRuntimeErrorTestSuites}\n`);
    }
  }
}
module.exports = SummaryReporter;
