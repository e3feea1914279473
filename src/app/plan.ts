// Planning units: every sheet of one run (a generate, a 生成, a 发布模板) shares the catalog's identity, the run's
// timestamp and the template texts, and each unit's sheet plan comes from the core's one builder. Templates are
// Chinese documents whatever language the CLI or the pane speaks: TEMPLATE_LANG is that rule, here only.
import type { Catalog, Unit } from '../core/catalog/model';
import { buildSheetPlan } from '../core/plan/build';
import { catalogIdentity, type Sha256 } from '../core/plan/fingerprint';
import type { CatalogIdentity, SheetPlan } from '../core/plan/model';
import type { SheetTexts } from '../core/plan/texts';
import { planTimestamp } from '../core/plan/timestamp';
import type { Lang } from '../i18n';
import { sheetTexts } from '../i18n/sheet-texts';

/** The language every template (and the master sheet's notes) is written in. */
export const TEMPLATE_LANG: Lang = 'zh-CN';

export interface PlanRunOptions {
  /** The time recorded in every sheet of the run (planTimestamp's form); default: the clock's now. */
  createdAt?: string;
  /** The clock (default: the computer's). */
  now?: () => Date;
  /** SHA-256 for the fingerprints: the core's pure one by default (the CLI passes Node's: same result, faster). */
  sha256?: Sha256;
  /** The date by which units return their sheets (yyyy-mm-dd), said in every sheet's 填报说明; none by default. */
  deadline?: string;
}

/** What every sheet of one run shares. */
export interface PlanRun {
  identity: CatalogIdentity;
  createdAt: string;
  texts: SheetTexts;
  sha256?: Sha256;
  deadline?: string;
}

export function planRun(catalog: Catalog, options: PlanRunOptions = {}): PlanRun {
  return {
    identity: catalogIdentity(catalog, options.sha256),
    createdAt: options.createdAt ?? planTimestamp((options.now ?? (() => new Date()))()),
    texts: sheetTexts(TEMPLATE_LANG),
    sha256: options.sha256,
    ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
  };
}

export function planUnit(unit: Unit, run: PlanRun): SheetPlan {
  return buildSheetPlan(unit, run.identity, {
    createdAt: run.createdAt,
    texts: run.texts,
    sha256: run.sha256,
    deadline: run.deadline,
  });
}

/** One plan per unit, all of one run. */
export function planUnits(catalog: Catalog, units: readonly Unit[], options: PlanRunOptions = {}): SheetPlan[] {
  const run = planRun(catalog, options);
  return units.map((unit) => planUnit(unit, run));
}
