// Access tokens for the Graph destination, in the task pane.
//   1. Nested app authentication (NAA) where the host supports it (requirement set NestedAppAuth 1.1): MSAL's
//      createNestablePublicClientApplication, ssoSilent with the login hint from Office's auth context, then
//      acquireTokenPopup when interaction is required.
//   2. Otherwise the Office dialog: a page on the task pane's own origin signs in with MSAL (redirect) and sends
//      the token back with messageParent (graph-auth-dialog.ts).
// Tokens stay in memory: never written to the workbook, settings, the queue or logs.
// NOT RUN against a real Microsoft 365 tenant or a real Office host: the selection logic and the dialog message
// handling are unit-tested with stubs; the MSAL calls follow Microsoft's NAA documentation.
import {
  InteractionRequiredAuthError,
  type IPublicClientApplication,
  createNestablePublicClientApplication,
} from '@azure/msal-browser';
import { FolderError } from '../core/folders/errors';
import type { TokenProvider } from './graph';
import { type GraphCloud, graphCloudEndpoints } from './graph-cloud';

export interface GraphAuthConfig {
  /** Entra application (client) id, registered in the same cloud. */
  clientId: string;
  /** The Microsoft 365 cloud: gives the default authority and scopes (graph-cloud.ts). */
  cloud?: GraphCloud;
  /** Default: the cloud's, e.g. https://login.microsoftonline.com/organizations */
  authority?: string;
  /** Absolute URL of the dialog page (same origin as the task pane). */
  dialogUrl: string;
  scopes?: string[];
}

/** The pieces of Office.js this module uses, injected so the logic can be tested without a host. */
export interface OfficeAuthHost {
  isNaaSupported(): boolean;
  /** Office auth context's login hint (userPrincipalName), when the host gives one. */
  loginHint(): Promise<string | undefined>;
  /** Opens the dialog and resolves with the first message it sends to the parent. */
  openDialog(url: string): Promise<string>;
}

export function officeAuthHost(): OfficeAuthHost {
  return {
    isNaaSupported: () => Office.context.requirements.isSetSupported('NestedAppAuth', '1.1'),
    loginHint: async () => {
      try {
        const ctx = await (
          Office as unknown as { auth: { getAuthContext(): Promise<{ userPrincipalName?: string }> } }
        ).auth.getAuthContext();
        return ctx.userPrincipalName;
      } catch {
        return undefined;
      }
    },
    openDialog: (url) =>
      new Promise((resolve, reject) => {
        // Sign-in pages refuse to be framed, so never displayInIframe.
        Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, displayInIframe: false }, (result) => {
          if (result.status !== Office.AsyncResultStatus.Succeeded) {
            reject(new FolderError('auth-failed', { detail: `dialog ${result.error.code}` }));
            return;
          }
          const dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
            dialog.close();
            if ('message' in arg) resolve(arg.message);
            else reject(new FolderError('auth-failed', { detail: `dialog ${arg.error}` }));
          });
          dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
            reject(
              new FolderError('auth-failed', { detail: `dialog closed (${'error' in arg ? arg.error : 'event'})` }),
            );
          });
        });
      }),
  };
}

/** What the dialog page sends back: a token and its expiry, or an error code. */
export interface DialogMessage {
  token?: string;
  expiresOn?: number;
  error?: string;
}

export function parseDialogMessage(text: string): { token: string; expiresOn: number } {
  let data: DialogMessage;
  try {
    data = JSON.parse(text) as DialogMessage;
  } catch {
    throw new FolderError('auth-failed', { detail: 'unreadable dialog message' });
  }
  if (typeof data.token !== 'string' || data.token === '')
    throw new FolderError('auth-failed', { detail: data.error ?? 'no token' });
  return {
    token: data.token,
    expiresOn: typeof data.expiresOn === 'number' ? data.expiresOn : Date.now() + 5 * 60_000,
  };
}

export interface GraphAuthDeps {
  host: OfficeAuthHost;
  createNaaClient?: (config: GraphAuthConfig) => Promise<IPublicClientApplication>;
  now?: () => number;
}

/** The MSAL configuration the sign-in uses: the cloud's authority unless one is given. */
export function naaConfiguration(config: GraphAuthConfig): { auth: { clientId: string; authority: string } } {
  return {
    auth: { clientId: config.clientId, authority: config.authority ?? graphCloudEndpoints(config.cloud).authority },
  };
}

async function defaultNaaClient(config: GraphAuthConfig): Promise<IPublicClientApplication> {
  return createNestablePublicClientApplication(naaConfiguration(config));
}

/** The sign-in dialog page's address: the app's client id and the cloud go in its query (neither is a secret). */
export function signInDialogUrl(page: URL, clientId: string, cloud: GraphCloud = 'global'): string {
  const url = new URL(page.href);
  url.search = new URLSearchParams({ clientId, cloud }).toString();
  return url.toString();
}

export function createGraphTokenProvider(config: GraphAuthConfig, deps: GraphAuthDeps): TokenProvider {
  const scopes = config.scopes ?? graphCloudEndpoints(config.cloud).scopes;
  const now = deps.now ?? Date.now;
  let cached: { token: string; expiresOn: number } | undefined;
  let naa: Promise<IPublicClientApplication> | undefined;

  const viaNaa = async (): Promise<{ token: string; expiresOn: number }> => {
    naa ??= (deps.createNaaClient ?? defaultNaaClient)(config);
    const pca = await naa;
    const loginHint = await deps.host.loginHint();
    try {
      const result = await pca.ssoSilent({ scopes, loginHint });
      return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? now() + 5 * 60_000 };
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError))
        throw new FolderError('auth-failed', { detail: (error as { errorCode?: string }).errorCode ?? 'sso' });
      const result = await pca.acquireTokenPopup({ scopes, loginHint });
      return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? now() + 5 * 60_000 };
    }
  };

  return async () => {
    // Renew a minute early so a long upload does not start with a token about to expire.
    if (cached && cached.expiresOn - 60_000 > now()) return cached.token;
    cached = deps.host.isNaaSupported()
      ? await viaNaa()
      : parseDialogMessage(await deps.host.openDialog(config.dialogUrl));
    return cached.token;
  };
}
