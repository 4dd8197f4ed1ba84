import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '#persistence';
import { MIN_PASSWORD_LENGTH } from '../../common/config.js';
import { GROUP_ID_PATTERN, USERNAME_PATTERN } from '../identifiers.js';

export class CreateUserDto {
  @ApiProperty({ example: 'ana', description: 'Unique whatever its case; letters, digits and . _ @ - (at most 64)' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must start with a letter or digit and hold only letters, digits and . _ @ - (at most 64)' })
  username: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, description: 'Stored as an argon2id hash' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ example: 'Ana Lima' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['agent'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each value in roles must be one of ${USER_ROLES.join(', ')}` })
  roles: UserRole[];

  @ApiPropertyOptional({ type: [String], example: ['first-line'], description: 'Ids of existing groups' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @Matches(GROUP_ID_PATTERN, { each: true, message: 'each value in groups must be a group id (letters, digits and . _ -)' })
  groups?: string[];
}
