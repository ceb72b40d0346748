import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../roles';
import type { RoleRequestStatus } from '../entities/role-request.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RoleRequestsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'denied'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'approved', 'denied'])
  status?: RoleRequestStatus;
}

export class RoleDecisionDto {
  @ApiProperty({ enum: ['approve', 'deny'] })
  @IsIn(['approve', 'deny'])
  decision!: 'approve' | 'deny';

  @ApiPropertyOptional({ description: 'Why (kept with the request)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

class PersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() email!: string;
}

export class RoleRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonView, description: 'who would receive the role' }) user!: PersonView;
  @ApiProperty({ enum: Role }) role!: Role;
  @ApiProperty({ enum: ['pending', 'approved', 'denied'] }) status!: RoleRequestStatus;
  @ApiProperty({ type: PersonView }) requestedBy!: PersonView;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: PersonView, nullable: true }) decidedBy!: PersonView | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
}
