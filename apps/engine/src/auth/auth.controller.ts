import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, Public, SignedIn } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { PrincipalView } from './dto/principal.view.js';
import { SessionView } from './dto/session.view.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionView, description: 'A token to send as "Authorization: Bearer <token>"; it expires at expiresAt' })
  @ApiUnauthorizedResponse({ description: 'LOGIN_FAILED: unknown username or wrong password (not said which)' })
  @ApiForbiddenResponse({ description: 'ACCOUNT_DISABLED' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_THROTTLED: too many failed log-ins for the username or from the address; Retry-After says when to try again' })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<SessionView> {
    return this.auth.login(body.username, body.password, address);
  }

  @Get('me')
  @SignedIn()
  @ApiOkResponse({ type: PrincipalView, description: 'The signed-in user (or API key), with roles and groups as they are now' })
  me(@CurrentPrincipal() principal: Principal): PrincipalView {
    return PrincipalView.of(principal);
  }
}
