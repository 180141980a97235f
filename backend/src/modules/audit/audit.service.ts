import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '../../common/crypto';
import { decodeTimeCursor, Page, toPage } from '../../common/pagination';
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

  record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    return this.recordMany([entry], manager);
  }

  async recordMany(entries: AuditRecord[], manager?: EntityManager): Promise<void> {
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
    await this.auditRepository.insert(rows, manager);
  }

  /** Whether this actor ever did this to this target. */
  hasEntry(filter: { actorId: string; action: string; targetId: string }): Promise<boolean> {
    return this.auditRepository.exists(filter);
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const limit = query.limit ?? 20;
    const cursor = decodeTimeCursor(query.cursor);
    const rows = await this.auditRepository.list({
      actorId: query.actorId,
      action: query.action,
      targetId: query.targetId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      after: cursor ? { createdAt: cursor.at, id: cursor.id } : undefined,
      limit,
    });
    const names = await this.auditRepository.actorNames([
      ...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null)),
    ]);
    return toPage(
      rows,
      limit,
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => ({
        id: r.id,
        actorId: r.actorId,
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
        createdAt: r.createdAt.toISOString(),
      }),
    );
  }
}
