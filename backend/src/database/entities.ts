import { AssignmentEntity } from '../modules/assignments/assignment.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { InvitationEntity } from '../modules/users/invitation.entity';
import { PasswordResetEntity } from '../modules/auth/password-reset.entity';
import { RefreshTokenEntity } from '../modules/auth/refresh-token.entity';
import { MentoringRequestEntity } from '../modules/mentoring-requests/mentoring-request.entity';
import { SessionEntity } from '../modules/sessions/session.entity';
import { DISCUSSION_ENTITIES } from '../modules/discussions/discussion.entities';
import { MFA_ENTITIES } from '../modules/mfa/mfa.entities';
import { EventLogEntity } from '../modules/events/event-log.entity';
import { StreamTicketEntity } from '../modules/events/stream-ticket.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { QuotaUsageEntity } from '../modules/quota/quota-usage.entity';
import { SettingEntity } from '../modules/settings/setting.entity';
import { UserEntity } from '../modules/users/user.entity';

export const ENTITIES = [
  SettingEntity,
  UserEntity,
  RefreshTokenEntity,
  InvitationEntity,
  PasswordResetEntity,
  AssignmentEntity,
  AuditEntryEntity,
  QuotaUsageEntity,
  SessionEntity,
  MentoringRequestEntity,
  NotificationEntity,
  EventLogEntity,
  StreamTicketEntity,
  ...DISCUSSION_ENTITIES,
  ...MFA_ENTITIES,
];
