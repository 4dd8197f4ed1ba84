import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GroupRecord } from '#persistence';

export class GroupView {
  @ApiProperty({ example: 'first-line' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '1 first line, 2 second line, 3 experts; null for a team' }) tier: number | null;
  @ApiProperty({ type: [String], description: 'Usernames of the members' }) members: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(group: GroupRecord): GroupView {
    return Object.assign(new GroupView(), { ...group, createdAt: group.createdAt.toISOString() });
  }
}
