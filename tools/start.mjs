// `npm start`: build what is missing, then serve the portal and the API on one port.
// The server applies migrations on start and, on a first start of the embedded database, loads the demo programme.
import { BACKEND_MAIN, ensureBuilt, run } from './lib.mjs';

await ensureBuilt();
const { code } = await run(process.execPath, ['--enable-source-maps', BACKEND_MAIN]);
process.exit(code);
