import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyStatus } from '../../integrity-reports/crypto/officer-keyring';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../users/roles';
import { UserView } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin@rongrian.local' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({
    description:
      "The deviceToken of this browser's last successful sign-in: failures of others (even behind the same address) do not slow or lock it",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  deviceToken?: string;

  @ApiPropertyOptional({
    description:
      'Integrity officers and custodians whose password was reset: the recovery key shown when their key pair was made',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recoveryKey?: string;

  @ApiPropertyOptional({
    description:
      'Integrity officers and custodians without their recovery key: make a new key pair (earlier reports must be granted again)',
  })
  @IsOptional()
  @IsBoolean()
  replaceKey?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A person with accounts in several organisations: the one to sign in to (without it, such a sign-in answers 409 ORGANIZATION_CHOICE_REQUIRED listing them)',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class SwitchOrganizationDto {
  @ApiProperty({ format: 'uuid', description: 'The organisation to work in (GET /auth/organizations)' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({
    description:
      "The password of the person's account in that organisation (each account has its own password and integrity key)",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

/** One organisation in which the signed-in person has an active account. */
export class MembershipView {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ example: 'demo' }) slug!: string;
  @ApiProperty() nameTh!: string;
  @ApiProperty({ enum: Role, isArray: true, description: 'Roles held in that organisation' }) roles!: Role[];
  @ApiProperty({ description: 'The organisation of the current session' }) current!: boolean;
}

export class IntegrityKeyView {
  @ApiProperty({ enum: ['none', 'created', 'unlocked', 'recovered', 'replaced', 'locked'] })
  status!: KeyStatus;

  @ApiPropertyOptional({ description: 'Shown once, when a key pair is made: write it down' })
  recoveryKey?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}

export class TokensView {
  @ApiProperty({ description: 'Bearer token for officer routes' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ description: 'Single-use; exchange at /auth/refresh for a new pair' }) refreshToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ description: 'A deployment operator (OPERATOR_EMAILS): may create and edit organisations' })
  operator!: boolean;
  @ApiPropertyOptional({
    description: 'Sign-in only: keep it in this browser and send it with the next sign-in',
  })
  deviceToken?: string;

  @ApiPropertyOptional({
    type: IntegrityKeyView,
    description: 'At sign-in: the encryption key of the integrity channel',
  })
  integrityKey?: IntegrityKeyView;
}
