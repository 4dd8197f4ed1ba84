import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PrincipalView as PrincipalShape } from '#api-types';
import { mayAccess } from '../access-rule.js';
import type { Principal } from '../principal.js';
import { ROLE_TABLE, type Endpoint } from '../role-table.js';

/** The endpoints the principal may call, from the role table: the web app shows only the actions these allow. */
const endpointsOf = (principal: Principal): Endpoint[] =>
  (Object.keys(ROLE_TABLE) as Endpoint[]).filter((endpoint) => ROLE_TABLE[endpoint].rule.kind === 'roles' && mayAccess(principal, ROLE_TABLE[endpoint].rule));

/** Who the caller is, as the engine sees them. */
export class PrincipalView implements PrincipalShape {
  @ApiProperty({ enum: ['user', 'apiKey'] }) kind: 'user' | 'apiKey';
  @ApiProperty({ format: 'uuid', description: 'The user id, or the API key id' }) id: string;
  @ApiProperty({ description: 'The username, or the API key name: what tasks and step events record as actor' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ type: [String], description: 'designer, agent, analyst, admin; worker for an API key' }) roles: string[];
  @ApiProperty({ type: [String], description: 'Group ids, e.g. first-line' }) groups: string[];
  @ApiProperty({ type: [String], description: 'The role-restricted endpoints this caller may call (`POST /api/deployments`, ...), from the role table' })
  endpoints: string[];

  static of(principal: Principal): PrincipalView {
    return Object.assign(new PrincipalView(), {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      displayName: principal.displayName,
      roles: [...principal.roles],
      groups: [...principal.groups],
      endpoints: endpointsOf(principal),
    });
  }
}
