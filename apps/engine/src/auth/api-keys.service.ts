import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import { ApiKeyRepository } from '#persistence';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { hashApiKey, newApiKey } from './api-key-secret.js';
import { AUTH_ERRORS } from './auth-errors.js';
import { ApiKeyView, CreatedApiKeyView } from './dto/api-key.view.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(name: string, createdBy: string): Promise<CreatedApiKeyView> {
    const { key, prefix } = newApiKey();
    const stored = await this.apiKeys.create({ id: this.ids.next(), name, prefix, keyHash: hashApiKey(key), createdBy, at: this.clock.now() });
    return Object.assign(new CreatedApiKeyView(), { ...ApiKeyView.of(stored), key });
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.apiKeys.list()).map(ApiKeyView.of);
  }

  /** From now on the key authenticates nobody; revoking it again changes nothing. */
  async revoke(id: string): Promise<ApiKeyView> {
    const revoked = await this.apiKeys.revoke(id, this.clock.now());
    if (revoked === null) throw new DomainError(AUTH_ERRORS.apiKeyNotFound, `API key ${id} does not exist`, { id });
    return ApiKeyView.of(revoked);
  }
}
