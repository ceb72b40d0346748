import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

export type HolidayKind = 'national' | 'substitute' | 'special' | 'local';
/** What each kind of holiday is called on screen (GET /labels). */
export const HOLIDAY_KIND_LABELS: Record<HolidayKind, { th: string; en: string }> = {
  national: { th: 'วันหยุดราชการ', en: 'national' },
  substitute: { th: 'วันหยุดชดเชย', en: 'substitute' },
  special: { th: 'วันหยุดพิเศษ', en: 'special' },
  local: { th: 'วันหยุดขององค์กร', en: 'local' },
};

/** A day on which offices are closed: national (organizationId null) or the organisation's own.
 *  Ignored while `removedAt` is set. */
@Entity('holidays')
@Index('uq_holidays_national_date', ['date'], { unique: true, where: 'organization_id IS NULL' })
@Index('uq_holidays_organization_date', ['organizationId', 'date'], {
  unique: true,
  where: 'organization_id IS NOT NULL',
})
export class Holiday {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_holidays' })
  id!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_holidays_organization' })
  organization?: Organization | null;

  /** Civil date in Bangkok, YYYY-MM-DD. */
  @Column('date')
  date!: string;

  @Column('text')
  nameTh!: string;

  @Column('text', { nullable: true })
  nameEn!: string | null;

  @Column('text')
  kind!: HolidayKind;

  /**
   * Removed by an administrator. Kept (not deleted) so that seeding, which adds missing national days
   * from the data file at every start, does not bring a removed day back.
   */
  @Column('timestamptz', { nullable: true })
  removedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
