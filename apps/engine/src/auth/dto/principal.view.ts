import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PrincipalView as PrincipalShape } from '#api-types';
import type { Principal } from '../principal.js';

/** Who the caller is, as the engine sees them. */
export class PrincipalView implements PrincipalShape {
  @ApiProperty({ enum: ['user', 'apiKey'] }) kind: 'user' | 'apiKey';
  @ApiProperty({ format: 'uuid', description: 'The user id, or the API key id' }) id: string;
  @ApiProperty({ description: 'The username, or the API key name: what tasks and step events record as actor' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ type: [String], description: 'designer, agent, analyst, admin; worker for an API key' }) roles: string[];
  @ApiProperty({ type: [String], description: 'Group ids, e.g. first-line' }) groups: string[];

  static of(principal: Principal): PrincipalView {
    return Object.assign(new PrincipalView(), {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      displayName: principal.displayName,
      roles: [...principal.roles],
      groups: [...principal.groups],
    });
  }
}
