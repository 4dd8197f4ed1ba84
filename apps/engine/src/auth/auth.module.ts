import { createSecretKey, randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { Clock } from '#engine';
import { AuthSecretRepository } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK } from '../common/engine-ports.js';
import { AccessGuard } from './access.guard.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { Authenticator } from './authenticator.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PrincipalCache } from './principal-cache.js';
import { SessionService } from './session.service.js';
import { TokenService } from './token.service.js';

const ISSUER = 'tandem';

/**
 * Signing in (passwords, sessions, tokens, API keys) and the global AccessGuard. Tokens are signed with
 * TANDEM_AUTH_SECRET, or else with a secret generated on the first start and kept in the database,
 * which every engine process on that database then shares.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, AuthSecretRepository, CLOCK],
      useFactory: async (config: AppConfig, secrets: AuthSecretRepository, clock: Clock) => {
        const logger = new Logger('Auth');
        const secret = config.auth.secret ?? (await secrets.secret(randomBytes(48).toString('base64url'), clock.now()));
        logger.log(
          config.auth.secret === undefined
            ? 'Signing tokens with the secret kept in the database (set TANDEM_AUTH_SECRET to choose one)'
            : 'Signing tokens with TANDEM_AUTH_SECRET',
        );
        return {
          // A KeyObject, not the string: jsonwebtoken would otherwise build one on every sign and verify (issue 19: ~14 % of the engine's CPU).
          secret: createSecretKey(Buffer.from(secret)),
          signOptions: { algorithm: 'HS256', expiresIn: config.auth.tokenTtlMinutes * 60, issuer: ISSUER },
          verifyOptions: { algorithms: ['HS256'], issuer: ISSUER },
        };
      },
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    PasswordHasher,
    TokenService,
    PrincipalCache,
    Authenticator,
    AuthService,
    SessionService,
    LoginThrottle,
    ApiKeysService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PasswordHasher, Authenticator],
})
export class AuthModule {}
