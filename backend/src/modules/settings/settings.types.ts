export interface ProgrammeSettings {
  monthlySessionQuota: number;
  requestExpiryDays: number;
  cancellationWindowHours: number;
  programmeTimeZone: string;
}

export const SETTING_KEYS: readonly (keyof ProgrammeSettings)[] = [
  'monthlySessionQuota',
  'requestExpiryDays',
  'cancellationWindowHours',
  'programmeTimeZone',
];
