import { Global, Module } from '@nestjs/common';
import { UnitsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Global()
@Module({
  controllers: [UnitsController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
