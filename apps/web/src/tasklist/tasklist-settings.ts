/**
 * What an agent sets up in their tasklist, kept in this browser per user: the case variables shown
 * as columns on each row, and named filters (stage, category, process, overdue, sort).
 */
export interface SavedFilter {
  name: string;
  stage: string;
  category: string;
  processKey: string;
  breached: boolean;
  sort: string;
}

export interface TasklistSettings {
  columns: string[];
  filters: SavedFilter[];
}

/** The variables offered as columns (the service process's customer, channel and tier, and the amount involved). */
export const COLUMN_CHOICES: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'customer', label: 'Customer' },
  { name: 'channel', label: 'Channel' },
  { name: 'customerTier', label: 'Customer tier' },
  { name: 'amount', label: 'Amount' },
  { name: 'region', label: 'Region' },
];

const keyOf = (user: string): string => `tandem.tasklist-settings.${user}`;

export const loadSettings = (user: string, storage: Storage = localStorage): TasklistSettings => {
  try {
    const stored = JSON.parse(storage.getItem(keyOf(user)) ?? 'null') as Partial<TasklistSettings> | null;
    return {
      columns: Array.isArray(stored?.columns) ? stored.columns.filter((name) => COLUMN_CHOICES.some((choice) => choice.name === name)) : [],
      filters: Array.isArray(stored?.filters) ? stored.filters.filter((filter) => typeof filter?.name === 'string') : [],
    };
  } catch {
    return { columns: [], filters: [] };
  }
};

export const saveSettings = (user: string, settings: TasklistSettings, storage: Storage = localStorage): void => {
  try {
    storage.setItem(keyOf(user), JSON.stringify(settings));
  } catch {
    // A full or disabled storage: the choice holds until the page is left.
  }
};

/** Adds or replaces (by name) a saved filter, keeping them in name order. */
export const withFilter = (filters: readonly SavedFilter[], filter: SavedFilter): SavedFilter[] =>
  [...filters.filter(({ name }) => name !== filter.name), filter].sort((a, b) => a.name.localeCompare(b.name));
