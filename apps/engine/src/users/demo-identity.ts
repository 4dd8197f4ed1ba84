import type { UserRole } from '#persistence';

/** The password of every demo user (README, "Signing in"). Demo users exist only on the embedded database. */
export const DEMO_PASSWORD = 'tandem-demo';

export interface DemoGroup {
  id: string;
  name: string;
  tier: number | null;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: UserRole[];
  groups: string[];
}

/** The three service tiers of DOMAIN.md, named as the reference processes name them, and one team. */
export const DEMO_GROUPS: readonly DemoGroup[] = [
  { id: 'first-line', name: 'First line', tier: 1 },
  { id: 'second-line', name: 'Second line', tier: 2 },
  { id: 'experts', name: 'Expert group', tier: 3 },
  { id: 'supervisors', name: 'Supervisors', tier: null },
];

/** One user per role, and an agent in each tier. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'ana', displayName: 'Ana (first line)', roles: ['agent'], groups: ['first-line'] },
  { username: 'ben', displayName: 'Ben (second line)', roles: ['agent'], groups: ['second-line', 'supervisors'] },
  { username: 'eva', displayName: 'Eva (expert group)', roles: ['agent'], groups: ['experts'] },
  { username: 'dora', displayName: 'Dora (designer)', roles: ['designer'], groups: [] },
  { username: 'alex', displayName: 'Alex (analyst)', roles: ['analyst'], groups: [] },
  { username: 'admin', displayName: 'Administrator', roles: ['admin'], groups: [] },
];
