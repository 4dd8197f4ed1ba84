import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiKeyRecord } from '#persistence';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart' }) prefix: string;
  @ApiProperty({ description: 'The admin who created it' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;

  static of(key: ApiKeyRecord): ApiKeyView {
    return Object.assign(new ApiKeyView(), {
      ...key,
      createdAt: key.createdAt.toISOString(),
      revokedAt: key.revokedAt?.toISOString() ?? null,
    });
  }
}

/** A new key: the only answer that contains the key itself. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'Send it as "X-API-Key: <key>" or "Authorization: ApiKey <key>". Shown only now: it is stored hashed' })
  key: string;
}
