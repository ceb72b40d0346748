import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { UsersModule } from '../users/users.module';
import { HandbookController } from './handbook.controller';
import { HandbookService } from './handbook.service';

@Module({
  imports: [OrganizationsModule, ComplaintsModule, UsersModule],
  controllers: [HandbookController],
  providers: [HandbookService],
})
export class HandbookModule {}
