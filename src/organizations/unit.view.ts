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
