import { Module } from '@nestjs/common';
import { OfficerDirectory } from './officer-directory';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, OfficerDirectory],
  exports: [UsersService, OfficerDirectory],
})
export class UsersModule {}
