import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Clock, IdGenerator } from '#engine';
import { GroupRepository, UserRepository, type UserRole } from '#persistence';
import { PasswordHasher } from '../auth/password-hasher.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { DEMO_GROUPS, DEMO_PASSWORD, DEMO_USERS } from './demo-identity.js';

interface Seed {
  username: string;
  password: string;
  displayName: string | null;
  roles: UserRole[];
  groups: string[];
}

/**
 * Who exists from the start: the demo groups and users on the embedded database, and the admin
 * named by TANDEM_ADMIN_USERNAME/TANDEM_ADMIN_PASSWORD. Both only create what is missing, so a
 * restart (or a second engine starting at the same moment) changes nothing an admin has changed.
 */
@Injectable()
export class IdentitySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly groups: GroupRepository,
    private readonly passwords: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { demoUsers, initialAdmin } = this.config.auth;
    if (demoUsers) await this.seedDemo();
    if (initialAdmin !== undefined) {
      const { username, password } = initialAdmin;
      const created = await this.ensure({ username, password, displayName: null, roles: ['admin'], groups: [] });
      this.logger.log(created ? `Admin ${username} created (TANDEM_ADMIN_USERNAME)` : `User ${username} exists already; TANDEM_ADMIN_PASSWORD was not applied`);
    }
  }

  private async seedDemo(): Promise<void> {
    for (const group of DEMO_GROUPS) await this.groups.create({ ...group, at: this.clock.now() });
    let created = 0;
    for (const user of DEMO_USERS) if (await this.ensure({ ...user, password: DEMO_PASSWORD })) created += 1;
    // main.ts lists them once the engine is ready.
    this.logger.log(`Demo groups and users in place (${created} of ${DEMO_USERS.length} users created now)`);
  }

  /** Creates the user unless the username is taken; true when created. */
  private async ensure({ password, ...user }: Seed): Promise<boolean> {
    if ((await this.users.findCredentials(user.username)) !== null) return false;
    const write = await this.users.create({ ...user, id: this.ids.next(), passwordHash: await this.passwords.hash(password), at: this.clock.now() });
    return write.outcome === 'done';
  }
}
