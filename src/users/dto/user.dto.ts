import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../roles';
import { User } from '../entities/user.entity';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'somchai@example.go.th' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'สมชาย ใจดี' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  /** Refused with PASSWORD_SET_BY_OWNER_ONLY: the person chooses it through the e-mailed invitation. */
  @ApiPropertyOptional({ deprecated: true, description: 'Not accepted: the person chooses it (invitation)' })
  @IsOptional()
  @IsString()
  password?: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: no unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  /** Only for one's own account; anyone else's is refused (PASSWORD_SET_BY_OWNER_ONLY): send a reset link. */
  @ApiPropertyOptional({ minLength: 12, description: "Own account only; another person's: 403" })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: no unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The organisation of this account' }) organizationId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: Role, isArray: true, description: 'Roles asked for, waiting for a second person' })
  pendingRoles!: Role[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() isActive!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;

  static of(u: User, pendingRoles: Role[] = []): UserView {
    return {
      id: u.id,
      organizationId: u.organizationId,
      email: u.email,
      displayName: u.displayName,
      roles: u.roles,
      pendingRoles,
      unitId: u.unitId,
      isActive: u.isActive,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    };
  }
}
