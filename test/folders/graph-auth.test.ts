// The sign-in choice for the Graph destination and its cloud, with the Office host and MSAL stubbed (no real host
// or tenant).
import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { createGraphFolder } from '../../src/folders/graph';
import {
  createGraphTokenProvider,
  naaConfiguration,
  type OfficeAuthHost,
  parseDialogMessage,
  signInDialogUrl,
} from '../../src/folders/graph-auth';
import { graphCloudEndpoints, parseGraphCloud } from '../../src/folders/graph-cloud';

const config = {
  clientId: '00000000-0000-0000-0000-000000000000',
  dialogUrl: 'https://localhost:3000/graph-auth-dialog.html',
};

function host(naa: boolean, dialogMessage = '{}'): OfficeAuthHost & { dialogs: string[] } {
  const dialogs: string[] = [];
  return {
    dialogs,
    isNaaSupported: () => naa,
    loginHint: async () => 'kh@example.org',
    openDialog: async (url) => {
      dialogs.push(url);
      return dialogMessage;
    },
  };
}

function pca(calls: string[], silent: () => Promise<unknown>): IPublicClientApplication {
  return {
    ssoSilent: async (req: { loginHint?: string }) => {
      calls.push(`ssoSilent ${req.loginHint}`);
      return silent();
    },
    acquireTokenPopup: async () => {
      calls.push('popup');
      return { accessToken: 'popup-token', expiresOn: new Date(Date.now() + 3600_000) };
    },
  } as unknown as IPublicClientApplication;
}

test('where the host supports nested app authentication, the token comes silently with the Office login hint', async () => {
  const calls: string[] = [];
  const h = host(true);
  const get = createGraphTokenProvider(config, {
    host: h,
    createNaaClient: async () =>
      pca(calls, async () => ({ accessToken: 'silent-token', expiresOn: new Date(Date.now() + 3600_000) })),
  });
  expect(await get()).toBe('silent-token');
  expect(await get()).toBe('silent-token');
  expect(calls).toEqual(['ssoSilent kh@example.org']);
  expect(h.dialogs).toEqual([]);
});

test('when interaction is required, NAA falls back to a popup', async () => {
  const calls: string[] = [];
  const get = createGraphTokenProvider(config, {
    host: host(true),
    createNaaClient: async () =>
      pca(calls, async () => {
        throw new InteractionRequiredAuthError('interaction_required', 'AADSTS50058: silent sign-in failed');
      }),
  });
  expect(await get()).toBe('popup-token');
  expect(calls).toEqual(['ssoSilent kh@example.org', 'popup']);
});

test('without NAA the Office dialog is opened and its token used until it nearly expires', async () => {
  let t = 1_000_000;
  const h = host(false, JSON.stringify({ token: 'dialog-token', expiresOn: t + 120_000 }));
  const get = createGraphTokenProvider(config, { host: h, now: () => t });
  expect(await get()).toBe('dialog-token');
  t += 30_000;
  await get();
  expect(h.dialogs).toHaveLength(1);
  t += 40_000; // within a minute of expiry: sign in again
  await get();
  expect(h.dialogs).toHaveLength(2);
});

test('a dialog that reports an error or sends garbage is a sign-in failure', () => {
  expect(() => parseDialogMessage('{"error":"user_cancelled"}')).toThrow(
    expect.objectContaining({ code: 'auth-failed', detail: 'user_cancelled' }),
  );
  expect(() => parseDialogMessage('not json')).toThrow(expect.objectContaining({ code: 'auth-failed' }));
});

test('for Microsoft 365 operated by 21Vianet, sign-in goes to login.chinacloudapi.cn and asks for China’s Graph', async () => {
  const calls: string[] = [];
  const configs: unknown[] = [];
  let scopes: string[] = [];
  const get = createGraphTokenProvider(
    { ...config, cloud: 'china' },
    {
      host: host(true),
      createNaaClient: async (c) => {
        configs.push(naaConfiguration(c));
        const client = pca(calls, async () => ({
          accessToken: 'cn-token',
          expiresOn: new Date(Date.now() + 3600_000),
        }));
        const silent = client.ssoSilent.bind(client);
        client.ssoSilent = async (request) => {
          scopes = request.scopes ?? [];
          return silent(request);
        };
        return client;
      },
    },
  );
  expect(await get()).toBe('cn-token');
  expect(configs).toEqual([
    { auth: { clientId: config.clientId, authority: 'https://login.chinacloudapi.cn/organizations' } },
  ]);
  expect(scopes).toEqual(['https://microsoftgraph.chinacloudapi.cn/Files.ReadWrite']);
  // The global cloud is unchanged.
  expect(naaConfiguration(config).auth.authority).toBe('https://login.microsoftonline.com/organizations');
  expect(graphCloudEndpoints('global').scopes).toEqual(['Files.ReadWrite']);
});

test('the sign-in dialog is told the cloud, and the Graph folder talks to that cloud’s Graph', () => {
  const page = new URL('https://addin.example.org/pane/graph-auth.html');
  const dialog = new URL(signInDialogUrl(page, 'app-id', 'china'));
  expect(dialog.origin + dialog.pathname).toBe('https://addin.example.org/pane/graph-auth.html');
  expect(Object.fromEntries(dialog.searchParams)).toEqual({ clientId: 'app-id', cloud: 'china' });
  expect(parseGraphCloud(dialog.searchParams.get('cloud'))).toBe('china');
  expect(parseGraphCloud('mars')).toBe('global');
  const token = async () => 't';
  expect(createGraphFolder({ drive: '/me/drive', root: '考核', cloud: 'china', getAccessToken: token }).label).toBe(
    'https://microsoftgraph.chinacloudapi.cn/v1.0/me/drive/root:/考核',
  );
  expect(createGraphFolder({ drive: '/me/drive', root: '考核', getAccessToken: token }).label).toBe(
    'https://graph.microsoft.com/v1.0/me/drive/root:/考核',
  );
});
