// Entry of the sign-in dialog page (graph-auth.html, built by webpack beside taskpane.html). The task pane opens it
// with displayDialogAsync when the host has no nested app authentication; the app's client id comes in the query
// string with the cloud (global, or China operated by 21Vianet: neither is a secret). NOT RUN in a real Office host or
// against a real tenant.
import { runSignInDialog } from './graph-auth-dialog';
import { parseGraphCloud } from './graph-cloud';

const query = new URLSearchParams(window.location.search);
void Office.onReady(() => runSignInDialog(query.get('clientId') ?? '', parseGraphCloud(query.get('cloud'))));
