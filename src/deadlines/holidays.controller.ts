import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/errors/api-errors';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Role } from '../users/roles';
import { CreateHolidayDto, HolidayChangeResult, HolidayListQuery, HolidayView } from './dto/holiday.dto';
import { HolidaysService } from './holidays.service';

@ApiTags('holidays')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({ summary: "National holidays and my organisation's own in a year" })
  @ApiOkResponse({ type: [HolidayView] })
  list(@CurrentActor() actor: Actor, @Query() query: HolidayListQuery): Promise<HolidayView[]> {
    return this.holidays.list(actor, query.year);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a holiday of my organisation, or a national one (primary organisation only)',
    description: 'Recomputes the deadlines of running cases whose period contains the day.',
  })
  @ApiCreatedResponse({ type: HolidayChangeResult })
  @ApiErrors(409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHolidayDto): Promise<HolidayChangeResult> {
    return this.holidays.create(actor, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a holiday', description: 'Recomputes the deadlines of running cases.' })
  @ApiOkResponse({ type: HolidayChangeResult })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<HolidayChangeResult> {
    return this.holidays.remove(actor, id);
  }
}
