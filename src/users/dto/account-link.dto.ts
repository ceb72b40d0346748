import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class AccountLinkTokenDto {
  @ApiProperty({ description: 'The token from the e-mailed link (after "#")' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be the code from the link' })
  token!: string;
}

export class ChoosePasswordDto extends AccountLinkTokenDto {
  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}

export class AccountLinkView {
  @ApiProperty({ enum: ['invitation', 'reset'] }) purpose!: 'invitation' | 'reset';
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class AccountLinkSentView {
  @ApiProperty({ enum: ['invitation', 'reset'] }) purpose!: 'invitation' | 'reset';
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
