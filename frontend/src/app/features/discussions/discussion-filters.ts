import type { Audience } from '@app/core/api/models/audience';

export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const MAX_TAGS = 5;

export const AUDIENCE_LABELS: Record<Audience, string> = {
  community: 'Everyone in the programme',
  mentors: 'Mentors only',
};

/** "Exams, well-being  exams" → ["exams", "well-being"]: what the server stores, in order, once each. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((tag) => tag.replace(/^#/, '').trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The tags the server would refuse, for a message beside the field. */
export function invalidTags(tags: string[]): string[] {
  return tags.filter((tag) => !TAG_PATTERN.test(tag));
}
