// Start-up asks for the 生成 view's chunk before React renders, so the two load side by side.
import type { ComponentType } from 'react';
import type { TaskpaneOperations } from '../operations';

type View = { default: ComponentType<{ ops: TaskpaneOperations }> };
let generateView: Promise<View> | null = null;

export function loadGenerateView(): Promise<View> {
  generateView ??= import(/* webpackChunkName: "view-generate" */ './GenerateView').then((m) => ({
    default: m.GenerateView,
  }));
  return generateView;
}
