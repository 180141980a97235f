import { CreateSettings1764201600000 } from './1764201600000-create-settings';

/** Applied in order, on start and by `npm run cli -- migrate`. */
export const MIGRATIONS = [CreateSettings1764201600000];
