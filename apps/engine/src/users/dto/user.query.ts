import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../../common/page.query.js';
import { GROUP_ID_PATTERN } from '../identifiers.js';

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the members of this group' })
  @IsOptional()
  @Matches(GROUP_ID_PATTERN, { message: 'group must be a group id (letters, digits and . _ -)' })
  group?: string;
}
