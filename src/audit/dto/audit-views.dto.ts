import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ENTITY_LABELS, AuditEntityType } from '../audit-entity-types';

export class ListAuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'the officer who acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    example: 'complaint.assign',
    description: 'exact action, or a prefix ending in a dot',
  })
  @IsOptional()
  @Matches(/^[a-z0-9_.]{1,100}$/)
  action?: string;

  @ApiPropertyOptional({
    enum: Object.keys(AUDIT_ENTITY_LABELS),
    description: 'labels: GET /labels (auditEntityTypes)',
  })
  @IsOptional()
  @IsIn(Object.keys(AUDIT_ENTITY_LABELS))
  entityType?: AuditEntityType;

  @ApiPropertyOptional({ example: '5b0c…' })
  @IsOptional()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ example: '2026-04-01', description: 'from this Bangkok date (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-30', description: 'up to this Bangkok date (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for the system' }) actorName!:
    string | null;
  @ApiProperty({ example: 'complaint.assign' }) action!: string;
  @ApiProperty({ example: 'complaint' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'the state before; always null for integrity-report rows (never their contents)',
  })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'as before' })
  after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
