// The Microsoft 365 cloud a Graph destination lives in: where its users sign in, where Graph answers, and how the
// drive permission is named there. Microsoft 365 in China is operated by 21Vianet, with its own hosts:
//   - learn.microsoft.com/graph/deployments ("Microsoft Graph national cloud deployments"): Microsoft Entra ID
//     login.microsoftonline.com (global) / login.chinacloudapi.cn (China); Graph graph.microsoft.com /
//     microsoftgraph.chinacloudapi.cn;
//   - learn.microsoft.com/entra/identity-platform/msal-national-cloud: MSAL.js takes the cloud's login host as its
//     authority (https://<login host>/<tenant>); the app is registered in that cloud's own Entra admin center;
//   - learn.microsoft.com/graph/sdks/national-clouds: a scope that names Graph's domain must name the national
//     cloud's (so China's drive permission is written in full, with microsoftgraph.chinacloudapi.cn).
// NOT RUN against a 21Vianet tenant: only the endpoints the adapter and the sign-in use are tested.

export const GRAPH_CLOUDS = ['global', 'china'] as const;
export type GraphCloud = (typeof GRAPH_CLOUDS)[number];

export interface GraphCloudEndpoints {
  /** MSAL authority: the cloud's sign-in host, for work or school accounts of any organisation. */
  authority: string;
  /** Graph's service root, ending with "/". */
  graphBaseUrl: string;
  /** Delegated permission to read and write the user's files and the libraries they can reach. */
  scopes: string[];
}

const ENDPOINTS: Record<GraphCloud, GraphCloudEndpoints> = {
  global: {
    authority: 'https://login.microsoftonline.com/organizations',
    graphBaseUrl: 'https://graph.microsoft.com/',
    scopes: ['Files.ReadWrite'],
  },
  china: {
    authority: 'https://login.chinacloudapi.cn/organizations',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn/',
    scopes: ['https://microsoftgraph.chinacloudapi.cn/Files.ReadWrite'],
  },
};

export function graphCloudEndpoints(cloud: GraphCloud = 'global'): GraphCloudEndpoints {
  return ENDPOINTS[cloud];
}

/** A cloud named in settings or a URL; anything else is the global cloud. */
export function parseGraphCloud(value: unknown): GraphCloud {
  return (GRAPH_CLOUDS as readonly unknown[]).includes(value) ? (value as GraphCloud) : 'global';
}
