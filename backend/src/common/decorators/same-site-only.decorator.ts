import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { SameSiteGuard } from '../guards/same-site.guard';

/** Routes a browser reaches with the refresh cookie: refused from other sites and with non-JSON bodies. */
export const SameSiteOnly = () =>
  applyDecorators(
    UseGuards(SameSiteGuard),
    ApiForbiddenResponse({ description: 'CROSS_SITE_REQUEST: Origin or Sec-Fetch-Site shows another site' }),
    ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: only application/json bodies (or none)' }),
  );
