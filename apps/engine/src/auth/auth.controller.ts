import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { API_PREFIX } from '../app-setup.js';
import { Allow, CurrentPrincipal } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { PrincipalView } from './dto/principal.view.js';
import { SessionView } from './dto/session.view.js';
import type { Principal } from './principal.js';
import { REFRESH_COOKIE } from './refresh-token.js';
import { SessionService, type OpenedSession } from './session.service.js';

/** Scripts cannot read it, it goes only over HTTPS (or to localhost), and no other site's page can make the browser send it. */
const COOKIE_OPTIONS: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: `/${API_PREFIX}/auth` };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Post('login')
  @Allow('POST /api/auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: SessionView,
    description: `An access token to send as "Authorization: Bearer <token>" until expiresAt, and the session's refresh token in the cookie ${REFRESH_COOKIE} (HttpOnly, Secure, SameSite=Strict, Path=/api/auth) for POST /api/auth/refresh`,
  })
  @ApiUnauthorizedResponse({ description: 'LOGIN_FAILED: unknown username, wrong password or disabled account (not said which)' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_THROTTLED: too many failed log-ins for the username or from the address; Retry-After says when to try again' })
  async login(@Body() body: LoginDto, @Ip() address: string, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    return withCookie(response, await this.auth.login(body.username, body.password, address));
  }

  @Post('refresh')
  @Allow('POST /api/auth/refresh')
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOkResponse({ type: SessionView, description: 'A new access token; the refresh cookie is replaced, and the one sent is spent' })
  @ApiUnauthorizedResponse({
    description:
      'REFRESH_COOKIE_MISSING: no refresh cookie; AUTHENTICATION_FAILED: the session has ended (signed out, expired, idle, account changed) or the cookie was used before (the session is then ended)',
  })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    return withCookie(response, await this.sessions.refresh(refreshTokenOf(request)));
  }

  @Post('logout')
  @Allow('POST /api/auth/logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'The session of the refresh cookie and of the bearer token (whichever are sent) is ended: its tokens are refused from now on; the cookie is cleared',
  })
  async logout(@Req() request: Request, @Headers() headers: IncomingHttpHeaders, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.end(refreshTokenOf(request), headers);
    response.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
  }

  @Get('me')
  @Allow('GET /api/auth/me')
  @ApiOkResponse({ type: PrincipalView, description: 'The signed-in user (or API key), with roles and groups as they are now' })
  me(@CurrentPrincipal() principal: Principal): PrincipalView {
    return PrincipalView.of(principal);
  }
}

const withCookie = (response: Response, { view, refresh }: OpenedSession): SessionView => {
  response.cookie(REFRESH_COOKIE, refresh.token, { ...COOKIE_OPTIONS, expires: refresh.expiresAt });
  return view;
};

const refreshTokenOf = (request: Request): string | undefined => {
  const value: unknown = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' ? value : undefined;
};
