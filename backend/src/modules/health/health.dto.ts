import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';

  @ApiPropertyOptional({
    description: 'State of each dependency, e.g. `{ "database": { "status": "up" } }`',
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['up', 'down'] },
        responseTime: { type: 'integer', description: 'Milliseconds the check took' },
        message: { type: 'string', description: 'Why the dependency is down' },
      },
    },
  })
  checks?: Record<string, { status: string; [key: string]: unknown }>;
}
