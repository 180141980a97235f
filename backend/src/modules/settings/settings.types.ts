export interface ProgrammeSettings {
  monthlySessionQuota: number;
  requestExpiryDays: number;
  cancellationWindowHours: number;
  programmeTimeZone: string;
  /** Admins without two-step sign-in must enrol before they get a session. */
  mfaRequiredForAdmins: boolean;
}

export const SETTING_KEYS: readonly (keyof ProgrammeSettings)[] = [
  'monthlySessionQuota',
  'requestExpiryDays',
  'cancellationWindowHours',
  'programmeTimeZone',
  'mfaRequiredForAdmins',
];
