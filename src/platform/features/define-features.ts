import { isPersonal, mergeRegistries, type TableRegistry } from '../registry/index.js';

/**
 * A feature of the installation (projects, quotes, organisations…): the tables it owns, hence the
 * categories of personal data it collects. It is on only while the privacy policy in force declares
 * every one of them; nothing else switches it.
 */
export type FeatureDefinition = {
  id: string;
  /** For people: "Projects and file uploads". */
  label: string;
  /** The personal-data.ts entries of the modules that make up the feature. */
  data: TableRegistry[];
  /** Features this one cannot work without (quotes price a project). */
  needs?: string[];
};

export type FeatureState = {
  id: string;
  label: string;
  on: boolean;
  /** Categories the feature collects that the policy in force does not declare. */
  missingCategories: string[];
  /** Features it needs that are off. */
  missingFeatures: string[];
};

/** Category → the `table.column`s that must be able to hold it. */
export type CategoryNeeds = Map<string, string[]>;

/**
 * The categories a registry cannot work without: every personal column's, except optional fields
 * (`onlyIfDeclared`) and what `isExempt` names (the operating records every installation keeps).
 */
export function requiredCategories(registry: TableRegistry, isExempt: (category: string) => boolean): CategoryNeeds {
  const needs: CategoryNeeds = new Map();
  for (const [table, entry] of Object.entries(registry)) {
    for (const [name, column] of Object.entries(entry.columns)) {
      if (!isPersonal(column) || column.onlyIfDeclared || isExempt(column.category)) continue;
      needs.set(column.category, [...(needs.get(column.category) ?? []), `${table}.${name}`]);
    }
  }
  return needs;
}

/** A feature's categories, read from its tables once (the gate asks on every request). */
const collected = new WeakMap<FeatureDefinition, string[]>();
function categoriesOf(feature: FeatureDefinition, isExempt: (category: string) => boolean): string[] {
  let categories = collected.get(feature);
  if (!categories) collected.set(feature, (categories = [...requiredCategories(mergeRegistries(...feature.data), isExempt).keys()].sort()));
  return categories;
}

/** Whether each feature is on under a policy, and if not, why (in definition order). */
export function featureStates(features: readonly FeatureDefinition[], isDeclared: (category: string) => boolean, isExempt: (category: string) => boolean): FeatureState[] {
  const states = new Map<string, FeatureState>();
  for (const feature of features) {
    const missingCategories = categoriesOf(feature, isExempt).filter((c) => !isDeclared(c));
    const missingFeatures = (feature.needs ?? []).filter((id) => {
      const needed = states.get(id);
      if (!needed) throw new Error(`Feature ${feature.id} needs ${id}, which must be defined before it.`);
      return !needed.on;
    });
    states.set(feature.id, { id: feature.id, label: feature.label, on: missingCategories.length === 0 && missingFeatures.length === 0, missingCategories, missingFeatures });
  }
  return [...states.values()];
}

/** Why a feature is off, in one sentence for people. */
export function offReason(state: FeatureState, describe: (category: string) => string = (c) => c): string {
  const parts: string[] = [];
  if (state.missingCategories.length > 0) parts.push(`its privacy policy does not declare ${state.missingCategories.map((c) => `${describe(c)} (${c})`).join(', ')}`);
  if (state.missingFeatures.length > 0) parts.push(`it needs ${state.missingFeatures.join(', ')}, which ${state.missingFeatures.length === 1 ? 'is' : 'are'} off`);
  return `${state.label} ${state.label.endsWith('s') ? 'are' : 'is'} switched off on this installation: ${parts.join('; ')}.`;
}
