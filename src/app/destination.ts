// What 设置 may save as the shared folder: the rules that make a destination usable at all, checked when the user
// presses 保存, field by field, before anything is stored. A refusal is a value (the field, a stable code, params)
// that the pane words next to its field. The address rule is the core's (src/core/folders/url.ts), the same one
// the WebDAV adapter applies before it sends a request.
import { checkFolderUrl } from '../core/folders/url';

export type DestinationKind = 'none' | 'webdav' | 'graph';

/** The settings a check needs (the pane's DestinationSettings has these and more). */
export interface DestinationInput {
  kind: DestinationKind;
  url: string;
  clientId: string;
}

export type DestinationField = 'kind' | 'url' | 'clientId';

export const DESTINATION_REFUSALS = [
  'url-missing',
  'url-invalid',
  'url-insecure',
  'graph-needs-excel',
  'client-id-missing',
] as const;
export type DestinationRefusalCode = (typeof DESTINATION_REFUSALS)[number];

export interface DestinationRefusal {
  field: DestinationField;
  code: DestinationRefusalCode;
  params: Record<string, string>;
}

/**
 * Every reason the destination cannot work, in the order of the fields. `host` is where the pane runs: signing in
 * to Microsoft 365 needs the Office host (nested app authentication or the Office dialog), so a plain browser
 * cannot use SharePoint / OneDrive.
 */
export function checkDestination(input: DestinationInput, host: 'excel' | 'browser'): DestinationRefusal[] {
  const refusals: DestinationRefusal[] = [];
  const refuse = (field: DestinationField, code: DestinationRefusalCode, params: Record<string, string> = {}) =>
    refusals.push({ field, code, params });
  if (input.kind === 'webdav') {
    const url = input.url.trim();
    if (url === '') refuse('url', 'url-missing');
    else {
      const checked = checkFolderUrl(url);
      if (!checked.ok) refuse('url', checked.problem === 'insecure' ? 'url-insecure' : 'url-invalid');
    }
  }
  if (input.kind === 'graph') {
    if (host !== 'excel') refuse('kind', 'graph-needs-excel');
    if (input.clientId.trim() === '') refuse('clientId', 'client-id-missing');
  }
  return refusals;
}
