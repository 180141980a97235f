import { computed, Resource, Signal } from '@angular/core';
import { problemMessage } from '@app/core/errors/problem';

/**
 * The sentence a page section shows when its resource could not load: `lead` and the reason. Empty
 * while the resource is tried again, so the section shows its placeholder instead of the old error.
 */
export function resourceFailure(resource: Resource<unknown>, lead = ''): Signal<string> {
  return computed(() => {
    if (resource.status() !== 'error') return '';
    const reason = problemMessage(resource.error());
    return lead ? `${lead} ${reason}` : reason;
  });
}
