// Entry of the sign-in dialog page (graph-auth.html, built by webpack beside taskpane.html). The task pane opens it
// with displayDialogAsync when the host has no nested app authentication; the app's client id comes in the query
// string (it is public, not a secret). NOT RUN in a real Office host or against a real tenant.
import { runSignInDialog } from './graph-auth-dialog';

const clientId = new URLSearchParams(window.location.search).get('clientId') ?? '';
void Office.onReady(() => runSignInDialog(clientId));
