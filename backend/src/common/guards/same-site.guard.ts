import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { CrossSiteRequestError, UnsupportedMediaTypeError } from '../errors/request-errors';

/** What a browser says about where a request comes from, and the origins the portal runs at. */
export interface RequestProvenance {
  origin?: string;
  secFetchSite?: string;
  contentType?: string;
}

export function siteOrigins(config: Pick<AppConfig, 'publicUrl' | 'corsOrigins'>): Set<string> {
  return new Set([new URL(config.publicUrl).origin, ...config.corsOrigins.map((o) => new URL(o).origin)]);
}

/**
 * A browser sends the refresh cookie with any request to our auth paths, whoever made it. Such a
 * request is only taken when nothing shows another site (CSRF), and only with a JSON body or none,
 * since `text/plain`, form and multipart bodies are what a foreign page can send without CORS.
 */
export function refusalFor(
  request: RequestProvenance,
  sameSite: Set<string>,
): CrossSiteRequestError | UnsupportedMediaTypeError | null {
  const site = request.secFetchSite?.toLowerCase();
  if (request.origin !== undefined) {
    // Sec-Fetch-Site is set by the browser itself; `same-origin` covers a portal reached under another host name.
    if (!sameSite.has(request.origin) && site !== 'same-origin') return new CrossSiteRequestError();
  } else if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return new CrossSiteRequestError();
  }
  if (request.contentType !== undefined) {
    const mediaType = request.contentType.split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') return new UnsupportedMediaTypeError();
  }
  return null;
}

@Injectable()
export class SameSiteGuard implements CanActivate {
  private readonly sameSite: Set<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.sameSite = siteOrigins(config);
  }

  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
    const refusal = refusalFor(
      {
        origin: one(headers.origin),
        secFetchSite: one(headers['sec-fetch-site']),
        contentType: one(headers['content-type']),
      },
      this.sameSite,
    );
    if (refusal) throw refusal;
    return true;
  }
}
