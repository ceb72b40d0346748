import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '../common/auth/decorators';
import { ApiErrors } from '../common/errors/api-errors';
import { LimitPerMinute } from '../infrastructure/http/route-limits';
import { AccountLinksService } from './account-links.service';
import { AccountLinkTokenDto, AccountLinkView, ChoosePasswordDto } from './dto/account-link.dto';

/** The officer's side of an invitation or reset link (public: the token is the credential). */
@ApiTags('auth')
@Controller('auth/account-links')
export class AccountLinksController {
  constructor(private readonly links: AccountLinksService) {}

  @Public()
  @Post('inspect')
  @HttpCode(200)
  @LimitPerMinute('tracking')
  @ApiOperation({ summary: 'Whose link this is and until when it works (does not use it up)' })
  @ApiOkResponse({ type: AccountLinkView })
  @ApiErrors(404, 410)
  inspect(@Body() dto: AccountLinkTokenDto): Promise<AccountLinkView> {
    return this.links.inspect(dto.token);
  }

  @Public()
  @Post('complete')
  @HttpCode(204)
  @LimitPerMinute('signIn')
  @ApiOperation({ summary: 'Choose the password; the link is then used up and every session ends' })
  @ApiNoContentResponse()
  @ApiErrors(404, 410)
  complete(@Body() dto: ChoosePasswordDto, @Req() request: FastifyRequest): Promise<void> {
    return this.links.complete(dto.token, dto.password, String(request.id));
  }
}
