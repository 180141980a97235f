import { Injectable } from '@nestjs/common';
import { newId } from '../../common/crypto';
import { Page } from '../../common/pagination';
import { mapPage } from '../../database/keyset-page';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditEntryDto, AuditQueryDto } from './dto/audit.dto';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Every admin action is written here, in the same transaction as the change it describes. */
@Injectable()
export class AuditService {
  constructor(private readonly auditRepository: AuditRepository) {}

  record(entry: AuditRecord): Promise<void> {
    return this.recordMany([entry]);
  }

  async recordMany(entries: AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    const rows = entries.map((e) =>
      Object.assign(new AuditEntryEntity(), {
        id: newId(),
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        details: e.details ? JSON.stringify(e.details).slice(0, 4000) : null,
        createdAt: now,
      }),
    );
    await this.auditRepository.insert(rows);
  }

  /** Whether this actor ever did this to this target. */
  hasEntry(filter: { actorId: string; action: string; targetId: string }): Promise<boolean> {
    return this.auditRepository.exists(filter);
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const page = await this.auditRepository.list(
      {
        actorId: query.actorId,
        action: query.action,
        targetId: query.targetId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit: query.limit ?? 20, cursor: query.cursor },
    );
    return mapPage(page, (r) => ({
      id: r.id,
      actorId: r.actorId,
      actorName: r.actorId ? r.actorName : null,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
