import { isFeel, type UserTaskNode } from '#bpmn';
import { evaluateFeel, expressionFailed } from '../feel/feel.js';
import type { Variables } from '../model/state.js';

/** Customer tiers that get the golden channel (DOMAIN.md: the top 20 % get priority and a dedicated manager). */
const HIGH_VALUE_TIERS: ReadonlySet<string> = new Set(['gold', 'platinum', 'vip', 'high-value', 'premium']);

/** How much each request category adds: complaints first, then transactions, then inquiries. */
const CATEGORY_BONUS: Readonly<Record<string, number>> = { complaint: 20, transactional: 10, transaction: 10, inquiry: 0 };

/**
 * The default rule (docs/tasklist.md): 50, plus 30 for a high-value customer (`customerTier`
 * gold, platinum, vip, high-value or premium) or 10 for silver, plus 20 for a complaint or 10 for
 * a transactional request (`category`). The tier bonus outweighs any category, so every golden-
 * channel task sorts before every standard one: gold 80-100, silver 60-80, standard 50-70.
 */
export function defaultPriority(variables: Variables): number {
  const tier = String(variables['customerTier'] ?? '').toLowerCase();
  const category = String(variables['category'] ?? '').toLowerCase();
  const tierBonus = HIGH_VALUE_TIERS.has(tier) ? 30 : tier === 'silver' ? 10 : 0;
  return 50 + tierBonus + (CATEGORY_BONUS[category] ?? 0);
}

/**
 * A task's priority, 0-100 (higher first): `tandem:priority` of the task, else of the process (an
 * integer or FEEL), else the default rule. A FEEL null falls back to the default rule; anything but
 * a whole number from 0 to 100 fails with EXPRESSION_FAILED naming the task.
 */
export function taskPriority(node: UserTaskNode, processPriority: string | undefined, variables: Variables): number {
  const setting = node.priority ?? processPriority;
  if (setting === undefined) return defaultPriority(variables);
  const value = isFeel(setting) ? evaluateFeel(setting, variables, node.id) : Number(setting.trim());
  if (value === null || value === undefined) return defaultPriority(variables);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw expressionFailed(node.id, setting, `it yields ${JSON.stringify(value)}, not a whole number from 0 to 100`);
  }
  return value;
}
