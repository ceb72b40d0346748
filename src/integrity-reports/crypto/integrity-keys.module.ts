import { Module } from '@nestjs/common';
import { OfficerKeyring } from './officer-keyring';
import { ReportKeys } from './report-keys';

/** Officers' key pairs and reports' wrapped keys; used by sign-in (AuthModule) and the integrity module. */
@Module({ providers: [OfficerKeyring, ReportKeys], exports: [OfficerKeyring, ReportKeys] })
export class IntegrityKeysModule {}
