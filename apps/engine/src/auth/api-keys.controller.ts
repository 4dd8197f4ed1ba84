import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from './access.decorators.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyView, CreatedApiKeyView } from './dto/api-key.view.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';
import type { Principal } from './principal.js';

@ApiTags('api keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Allow('POST /api/api-keys')
  @ApiCreatedResponse({ type: CreatedApiKeyView, description: 'The key, shown this once (only its hash is stored)' })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(body.name, principal.name);
  }

  @Get()
  @Allow('GET /api/api-keys')
  @ApiOkResponse({ type: [ApiKeyView], description: 'Newest first, revoked ones too; never the keys themselves' })
  list(): Promise<ApiKeyView[]> {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @Allow('DELETE /api/api-keys/{id}')
  @ApiOkResponse({ type: ApiKeyView, description: 'The key, revoked: it authenticates nobody any more' })
  @ApiNotFoundResponse({ description: 'API_KEY_NOT_FOUND' })
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id);
  }
}
