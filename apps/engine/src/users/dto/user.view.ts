import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type UserRecord } from '#persistence';

/** A user as admins see it; never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiPropertyOptional({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(user: UserRecord): UserView {
    return Object.assign(new UserView(), { ...user, createdAt: user.createdAt.toISOString(), updatedAt: user.updatedAt.toISOString() });
  }
}
