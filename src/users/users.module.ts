import { forwardRef, Module } from '@nestjs/common';
import { IntegrityKeysModule } from '../integrity-reports/crypto/integrity-keys.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AccountLinksController } from './account-links.controller';
import { AccountLinksService } from './account-links.service';
import { OfficerDirectory } from './officer-directory';
import { OfficersController } from './officers.controller';
import { RoleRequestsController } from './role-requests.controller';
import { RoleRequestsService } from './role-requests.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  // invitations and resets are mail; the notifications module needs the officer directory back
  imports: [forwardRef(() => NotificationsModule), IntegrityKeysModule],
  controllers: [UsersController, OfficersController, RoleRequestsController, AccountLinksController],
  providers: [UsersService, OfficerDirectory, AccountLinksService, RoleRequestsService],
  exports: [UsersService, OfficerDirectory, RoleRequestsService],
})
export class UsersModule {}
