import { ApiProperty } from '@nestjs/swagger';
import { PrincipalView } from './principal.view.js';

/** The answer to a log-in: the token to send as `Authorization: Bearer <token>` until it expires. */
export class SessionView {
  @ApiProperty() token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: PrincipalView }) user: PrincipalView;
}
