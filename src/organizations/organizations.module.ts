import { Global, Module } from '@nestjs/common';
import { OrganizationController, UnitsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Global()
@Module({
  controllers: [UnitsController, OrganizationController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
