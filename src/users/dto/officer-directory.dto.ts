import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Role } from '../roles';

export class OfficerDirectoryQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only officers of this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class DirectoryUnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'กองช่าง' }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
}

/** An active officer as the people who assign work see them: no contact details except for admins. */
export class OfficerDirectoryEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty({ type: DirectoryUnitView, nullable: true }) unit!: DirectoryUnitView | null;
  @ApiPropertyOptional({ description: 'administrators only' }) email?: string;
}
