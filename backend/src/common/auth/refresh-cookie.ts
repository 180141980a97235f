/** The refresh token's cookie: set by the auth routes, and read by the rate limits to key a refresh by its caller. */
export const REFRESH_COOKIE = 'pp_refresh';
