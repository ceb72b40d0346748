import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { Role } from '../roles';
import { User } from './user.entity';

export type RoleRequestStatus = 'pending' | 'approved' | 'denied';
/** What each status of a role request is called on screen (GET /labels). */
export const ROLE_REQUEST_STATUS_LABELS: Record<RoleRequestStatus, { th: string; en: string }> = {
  pending: { th: 'รออนุมัติ', en: 'Pending' },
  approved: { th: 'อนุมัติแล้ว', en: 'Approved' },
  denied: { th: 'ไม่อนุมัติ', en: 'Declined' },
};

/**
 * A request to give someone a role that needs a second person (PROTECTED_ROLES): written when an
 * administrator creates or changes an account with that role; the role is added only when another
 * administrator or an executive (neither the requester nor the person concerned) approves it.
 * The decision time of the latest approval is when the person received the role.
 */
@Entity('role_requests')
@Index('ix_role_requests_organization_status', ['organizationId', 'status'])
@Index('uq_role_requests_pending', ['userId', 'role'], { unique: true, where: `status = 'pending'` })
@Check('ck_role_requests_status', `status IN ('pending', 'approved', 'denied')`)
export class RoleRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_requests' })
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_role_requests_organization' })
  organization?: Organization;

  /** who would receive the role */
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_requests_user' })
  user?: User;

  @Column('text')
  role!: Role;

  @Column('uuid')
  requestedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_user_id', foreignKeyConstraintName: 'fk_role_requests_requested_by' })
  requestedBy?: User;

  @Column('text', { default: 'pending' })
  status!: RoleRequestStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column('uuid', { nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_user_id', foreignKeyConstraintName: 'fk_role_requests_decided_by' })
  decidedBy?: User | null;

  @Column('text', { nullable: true })
  decisionReason!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
