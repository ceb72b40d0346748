import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/** Per-organisation salt of receipt hashes, made on the organisation's first report. */
@Entity('integrity_receipt_salts')
export class IntegrityReceiptSalt {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_integrity_receipt_salts' })
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_integrity_receipt_salts_organization',
  })
  organization?: Organization;

  @Column('bytea')
  salt!: Buffer;
}
