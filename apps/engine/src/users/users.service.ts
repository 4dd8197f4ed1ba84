import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import { UserRepository, type Page, type UserFilter, type UserWrite } from '#persistence';
import { PasswordHasher } from '../auth/password-hasher.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { UpdateUserDto } from './dto/update-user.dto.js';
import { UserView } from './dto/user.view.js';
import { USER_ERRORS } from './user-errors.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async list(filter: UserFilter): Promise<Page<UserView>> {
    const page = await this.users.list(filter);
    return { items: page.items.map(UserView.of), total: page.total };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (user === null) throw userNotFound(id);
    return UserView.of(user);
  }

  async create({ username, password, displayName, roles, groups = [] }: CreateUserDto): Promise<UserView> {
    const write = await this.users.create({
      id: this.ids.next(),
      username,
      displayName: displayName ?? null,
      passwordHash: await this.passwords.hash(password),
      roles,
      groups,
      at: this.clock.now(),
    });
    return UserView.of(written(write, { username }));
  }

  async update(id: string, { password, displayName, roles, groups, disabled }: UpdateUserDto): Promise<UserView> {
    const write = await this.users.update(id, {
      ...(password != null && { passwordHash: await this.passwords.hash(password) }),
      ...(displayName !== undefined && { displayName }),
      ...(roles != null && { roles }),
      ...(groups != null && { groups }),
      ...(disabled != null && { disabled }),
      at: this.clock.now(),
    });
    return UserView.of(written(write, { id }));
  }
}

const userNotFound = (id: string) => new DomainError(USER_ERRORS.userNotFound, `User ${id} does not exist`, { id });

/** The stored user, or the error that says why nothing was written. */
const written = (write: UserWrite, subject: { id?: string; username?: string }) => {
  switch (write.outcome) {
    case 'done':
      return write.user;
    case 'notFound':
      throw userNotFound(subject.id ?? '');
    case 'usernameTaken':
      throw new DomainError(USER_ERRORS.usernameTaken, `The username ${subject.username} is taken`, { field: 'username', username: subject.username });
    case 'groupsUnknown':
      throw new DomainError(USER_ERRORS.groupUnknown, `groups names groups that do not exist: ${write.groups.join(', ')}`, {
        field: 'groups',
        groups: write.groups,
      });
    case 'lastAdmin':
      throw new DomainError(USER_ERRORS.lastAdmin, 'This would leave no enabled admin: make another user admin first');
  }
};
