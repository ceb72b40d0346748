import { ApiProperty } from '@nestjs/swagger';

/** A unit (สำนัก / กอง) as the API shows it. */
export class UnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ example: 'engineering' }) code!: string;
  @ApiProperty({ example: 'กองช่าง' }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Engineering Division' }) nameEn!: string | null;
  @ApiProperty() sortOrder!: number;
  @ApiProperty() isActive!: boolean;
}

/** The signed-in officer's organisation: its name for printed documents, its slug for the public routes. */
export class OwnOrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'nongbua', description: 'URL name of the public routes (/api/v1/orgs/{slug}/…)' })
  slug!: string;
  @ApiProperty({ example: 'เทศบาลตำบลหนองบัว' }) nameTh!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nong Bua Subdistrict Municipality' })
  nameEn!: string | null;
}
