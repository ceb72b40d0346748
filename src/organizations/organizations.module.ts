import { Global, Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { OrganizationsOperatorController } from './organizations-operator.controller';
import { OrganizationController, UnitsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Global()
@Module({
  imports: [UsersModule],
  controllers: [UnitsController, OrganizationController, OrganizationsOperatorController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
