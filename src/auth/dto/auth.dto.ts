import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyStatus } from '../../integrity-reports/crypto/officer-keyring';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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
