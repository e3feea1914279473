// The pane's log: the browser's (or Office's webview's) developer console. Messages the user reads are in the
// user's language only; what a library, the network or Excel said in English goes here, once per failure, so that
// whoever supports the clerk can still see it (F12, or the Office add-in's developer tools).
const logged = new WeakSet<object>();

/** Logs a technical account (a folder failure's code and detail, an unexpected error) under the product's tag. */
export function logDetail(context: string, detail: unknown): void {
  if (typeof detail === 'object' && detail !== null) {
    if (logged.has(detail)) return;
    logged.add(detail);
  }
  console.warn(`[target-sheets] ${context}`, detail);
}
