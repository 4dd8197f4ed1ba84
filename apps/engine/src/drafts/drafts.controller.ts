import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { DraftBody } from './dto/draft.body.js';
import { DraftView } from './dto/draft.view.js';
import { DraftsService } from './drafts.service.js';

const NAME_INVALID = 'DRAFT_NAME_INVALID: the name is not 1 to 80 letters, digits, `.`, `_` or `-`';

/** The signed-in user's own modeler drafts: nobody reads another user's. */
@ApiTags('drafts')
@Controller('drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get(':name')
  @Allow('GET /api/drafts/{name}')
  @ApiOkResponse({ type: DraftView })
  @ApiBadRequestResponse({ description: NAME_INVALID })
  @ApiNotFoundResponse({ description: 'DRAFT_NOT_FOUND: you have no draft of that name' })
  async get(@Param('name') name: string, @CurrentPrincipal() principal: Principal): Promise<DraftView> {
    return DraftView.of(await this.drafts.get(principal.id, name));
  }

  @Put(':name')
  @Allow('PUT /api/drafts/{name}')
  @ApiOkResponse({ type: DraftView, description: 'The draft as stored, replacing the one of that name' })
  @ApiBadRequestResponse({ description: `${NAME_INVALID}; or the body lacks \`xml\` or \`origin\`` })
  async put(@Param('name') name: string, @Body() body: DraftBody, @CurrentPrincipal() principal: Principal): Promise<DraftView> {
    return DraftView.of(await this.drafts.save(principal.id, name, body.xml, body.origin));
  }

  @Delete(':name')
  @Allow('DELETE /api/drafts/{name}')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The draft is gone (also when there was none: discarding twice is no error)' })
  @ApiBadRequestResponse({ description: NAME_INVALID })
  async discard(@Param('name') name: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.drafts.discard(principal.id, name);
  }
}
