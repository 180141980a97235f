import { SettingEntity } from '../modules/settings/setting.entity';

export const ENTITIES = [SettingEntity];
