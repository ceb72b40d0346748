import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/decorators';
import { HandbookView } from './handbook.dto';
import { HandbookService } from './handbook.service';

/** The published procedures (ITA): anyone may read them. */
@ApiTags('public: handbook')
@Public()
@Controller()
export class HandbookController {
  constructor(private readonly handbook: HandbookService) {}

  @Get('orgs/:orgSlug/handbook')
  @ApiOperation({
    summary:
      'Data of the complaints handbook and the corruption-channel handbook, from the live settings ' +
      '(channels, units and their categories, day counting, integrity deadlines, who handles reports, steps)',
  })
  @ApiOkResponse({ type: HandbookView })
  get(@Param('orgSlug') orgSlug: string): Promise<HandbookView> {
    return this.handbook.handbook(orgSlug);
  }
}
