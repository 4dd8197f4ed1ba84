import { ApiProperty } from '@nestjs/swagger';
import type { SessionView as SessionShape } from '#api-types';
import { PrincipalView } from './principal.view.js';

/** The answer to a log-in: the token to send as `Authorization: Bearer <token>` until it expires. */
export class SessionView implements SessionShape {
  @ApiProperty() token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: PrincipalView }) user: PrincipalView;
}
