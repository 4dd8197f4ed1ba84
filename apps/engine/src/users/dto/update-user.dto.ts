import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '#persistence';
import { MIN_PASSWORD_LENGTH } from '../../common/config.js';
import { GROUP_ID_PATTERN } from '../identifiers.js';

/** Fields left out (or null, except displayName, where null clears it) stay as they are; the username never changes (history records it as the actor). */
export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({ enum: USER_ROLES, isArray: true, description: 'Replaces the roles' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each value in roles must be one of ${USER_ROLES.join(', ')}` })
  roles?: UserRole[];

  @ApiPropertyOptional({ type: [String], description: 'Replaces the group memberships' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @Matches(GROUP_ID_PATTERN, { each: true, message: 'each value in groups must be a group id (letters, digits and . _ -)' })
  groups?: string[];

  @ApiPropertyOptional({ description: 'A disabled user cannot sign in, and their tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
