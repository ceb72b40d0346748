import { LimitPerMinute } from '../infrastructure/http/route-limits';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { FastifyRequest } from 'fastify';
import { Actor } from '../common/auth/actor';
import { AcrossOrganizations, CurrentActor, Public } from '../common/auth/decorators';
import { AppConfig } from '../config/app-config';
import { clientKey } from '../infrastructure/http/client-key';
import { UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginDto, MembershipView, RefreshDto, SwitchOrganizationDto, TokensView } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @LimitPerMinute('signIn')
  @ApiOperation({ summary: 'Officer sign-in with e-mail and password' })
  @ApiOkResponse({ type: TokensView })
  @ApiErrors(401, 409)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokensView> {
    return this.auth.login(
      dto.email,
      dto.password,
      clientKey(this.config.auth.jwtSecret, request.ip),
      String(request.id),
      dto.deviceToken,
      { recoveryKey: dto.recoveryKey, replaceKey: dto.replaceKey },
      dto.organizationId,
    );
  }

  @ApiBearerAuth()
  @Get('organizations')
  @AcrossOrganizations()
  @ApiOperation({ summary: 'The organisations in which I have an account (to choose or switch)' })
  @ApiOkResponse({ type: [MembershipView] })
  organizations(@CurrentActor() actor: Actor): Promise<MembershipView[]> {
    return this.auth.memberships(actor);
  }

  @ApiBearerAuth()
  @Post('switch-organization')
  @AcrossOrganizations()
  @HttpCode(200)
  @LimitPerMinute('signIn')
  @ApiOperation({
    summary:
      'Work in another of my organisations: signs in to my account there (its password) and ends this session',
  })
  @ApiOkResponse({ type: TokensView })
  @ApiErrors(401)
  switchOrganization(
    @CurrentActor() actor: Actor,
    @Body() dto: SwitchOrganizationDto,
    @Req() request: FastifyRequest,
  ): Promise<TokensView> {
    return this.auth.switchOrganization(
      actor,
      dto.organizationId,
      dto.password,
      clientKey(this.config.auth.jwtSecret, request.ip),
      String(request.id),
    );
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (single use)' })
  @ApiOkResponse({ type: TokensView })
  @ApiErrors(401)
  refresh(@Body() dto: RefreshDto): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token' })
  @ApiNoContentResponse({ description: 'signed out (also when the token was no longer valid)' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in officer' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor, actor.userId);
  }
}
