// Script of the sign-in dialog page (fallback when the host has no nested app authentication). Opened by
// graph-auth.ts with displayDialogAsync on the task pane's origin: signs in with MSAL by redirect and sends the
// access token to the task pane with messageParent. Needs its own webpack entry (page: graph-auth-dialog.html).
// NOT RUN in a real Office host or against a real tenant.
import { PublicClientApplication } from '@azure/msal-browser';
import { type GraphCloud, graphCloudEndpoints } from './graph-cloud';

export async function runSignInDialog(clientId: string, cloud: GraphCloud = 'global'): Promise<void> {
  const { authority, scopes } = graphCloudEndpoints(cloud);
  const pca = new PublicClientApplication({
    auth: { clientId, authority, redirectUri: window.location.href.split('?')[0] },
  });
  await pca.initialize();
  const send = (message: object) => Office.context.ui.messageParent(JSON.stringify(message));
  try {
    const back = await pca.handleRedirectPromise();
    if (back) {
      send({ token: back.accessToken, expiresOn: back.expiresOn?.getTime() });
      return;
    }
    await pca.loginRedirect({ scopes });
  } catch (error) {
    send({ error: (error as { errorCode?: string }).errorCode ?? 'sign-in-failed' });
  }
}
