import { Global, Module } from '@nestjs/common';
import { AuditController, AuditQueries } from './audit.controller';
import { AuditService } from './audit.service';

@Global()
@Module({ controllers: [AuditController], providers: [AuditService, AuditQueries], exports: [AuditService] })
export class AuditModule {}
