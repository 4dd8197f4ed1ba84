import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { CreateGroupDto } from './dto/create-group.dto.js';
import { GroupView } from './dto/group.view.js';
import { UpdateGroupDto } from './dto/update-group.dto.js';
import { GroupsService } from './groups.service.js';

@ApiTags('users')
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @Allow('GET /api/groups')
  @ApiOkResponse({ type: [GroupView], description: 'The tiers in order, then the other teams' })
  list(): Promise<GroupView[]> {
    return this.groups.list();
  }

  @Post()
  @Allow('POST /api/groups')
  @ApiCreatedResponse({ type: GroupView })
  @ApiConflictResponse({ description: 'GROUP_ID_TAKEN' })
  create(@Body() body: CreateGroupDto): Promise<GroupView> {
    return this.groups.create(body);
  }

  @Get(':id')
  @Allow('GET /api/groups/{id}')
  @ApiOkResponse({ type: GroupView })
  @ApiNotFoundResponse({ description: 'GROUP_NOT_FOUND' })
  get(@Param('id') id: string): Promise<GroupView> {
    return this.groups.get(id);
  }

  @Patch(':id')
  @Allow('PATCH /api/groups/{id}')
  @ApiOkResponse({ type: GroupView })
  @ApiNotFoundResponse({ description: 'GROUP_NOT_FOUND' })
  update(@Param('id') id: string, @Body() body: UpdateGroupDto): Promise<GroupView> {
    return this.groups.update(id, body);
  }

  @Delete(':id')
  @Allow('DELETE /api/groups/{id}')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted with its memberships; tasks offered to the group keep naming it' })
  @ApiNotFoundResponse({ description: 'GROUP_NOT_FOUND' })
  delete(@Param('id') id: string): Promise<void> {
    return this.groups.delete(id);
  }
}
