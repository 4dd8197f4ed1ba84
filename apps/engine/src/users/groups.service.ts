import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { GroupRepository } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import type { CreateGroupDto } from './dto/create-group.dto.js';
import { GroupView } from './dto/group.view.js';
import type { UpdateGroupDto } from './dto/update-group.dto.js';
import { USER_ERRORS } from './user-errors.js';

@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<GroupView[]> {
    return (await this.groups.list()).map(GroupView.of);
  }

  async get(id: string): Promise<GroupView> {
    const group = await this.groups.findById(id);
    if (group === null) throw groupNotFound(id);
    return GroupView.of(group);
  }

  async create({ id, name, tier }: CreateGroupDto): Promise<GroupView> {
    const group = await this.groups.create({ id, name, tier: tier ?? null, at: this.clock.now() });
    if (group === null) throw new DomainError(USER_ERRORS.groupIdTaken, `A group ${id} exists already`, { field: 'id', id });
    return GroupView.of(group);
  }

  async update(id: string, { name, tier }: UpdateGroupDto): Promise<GroupView> {
    const group = await this.groups.update(id, { ...(name != null && { name }), ...(tier !== undefined && { tier }) });
    if (group === null) throw groupNotFound(id);
    return GroupView.of(group);
  }

  /** The group goes, with its memberships; tasks offered to it stay offered to its id. */
  async delete(id: string): Promise<void> {
    if (!(await this.groups.delete(id))) throw groupNotFound(id);
  }
}

const groupNotFound = (id: string) => new DomainError(USER_ERRORS.groupNotFound, `Group ${id} does not exist`, { id });
