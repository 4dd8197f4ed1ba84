import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserQuery } from './dto/user.query.js';
import { UserView } from './dto/user.view.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Allow('GET /api/users')
  @ApiOkResponse({ type: [UserView], description: `By username; the total in ${TOTAL_COUNT_HEADER}` })
  async list(@Query() query: UserQuery, @Res({ passthrough: true }) response: Response): Promise<UserView[]> {
    const page = await this.users.list(query);
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Post()
  @Allow('POST /api/users')
  @ApiCreatedResponse({ type: UserView })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field, GROUP_UNKNOWN (details.groups)' })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN' })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Get(':id')
  @Allow('GET /api/users/{id}')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Allow('PATCH /api/users/{id}')
  @ApiOkResponse({ type: UserView, description: 'The user as changed (roles and groups count from the next request on)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming the field, GROUP_UNKNOWN (details.groups)' })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND' })
  @ApiConflictResponse({ description: 'LAST_ADMIN: the change would leave no enabled admin' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, body);
  }
}
