import { CreateSettings1764201600000 } from './1764201600000-create-settings';
import { CreateAccounts1764288000000 } from './1764288000000-create-accounts';
import { CreateRequestsAndSessions1764374400000 } from './1764374400000-create-requests-and-sessions';
import { CreateNotificationsAndFeeds1764460800000 } from './1764460800000-create-notifications-and-feeds';
import { CreateDiscussions1764547200000 } from './1764547200000-create-discussions';
import { CreateAdminMfa1764705600000 } from './1764705600000-create-admin-mfa';
import { CreatePasswordResets1764800000000 } from './1764800000000-create-password-resets';
import { RecordAdminProvenance1764810000000 } from './1764810000000-record-admin-provenance';
import { DiscussionTextOutOfDerivedData1764820000000 } from './1764820000000-discussion-text-out-of-derived-data';
import { BindStreamTicketsToTokenVersion1764830000000 } from './1764830000000-bind-stream-tickets-to-token-version';

/** Applied in order, on start and by `npm run cli -- migrate`. */
export const MIGRATIONS = [
  CreateSettings1764201600000,
  CreateAccounts1764288000000,
  CreateRequestsAndSessions1764374400000,
  CreateNotificationsAndFeeds1764460800000,
  CreateDiscussions1764547200000,
  CreateAdminMfa1764705600000,
  CreatePasswordResets1764800000000,
  RecordAdminProvenance1764810000000,
  DiscussionTextOutOfDerivedData1764820000000,
  BindStreamTicketsToTokenVersion1764830000000,
];
