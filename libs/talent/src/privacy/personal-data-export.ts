import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * One part of a seeker's "export my data" (PIPL art. 45): each context that
 * keeps facts about a person (schools, training, interviews …) registers a
 * section here when its module starts, so the export covers every context
 * without the talent pool reading other contexts' tables.
 */
export interface PersonalDataSection {
  /** key in the exported JSON, e.g. "training" */
  key: string;
  /** what the section holds, zh-CN first */
  title: string;
  collect(seekerId: string): Promise<unknown>;
}

@Injectable()
export class PersonalDataExportRegistry {
  private readonly sections = new Map<string, PersonalDataSection>();

  register(section: PersonalDataSection): void {
    if (this.sections.has(section.key)) throw new Error(`personal-data section "${section.key}" registered twice`);
    this.sections.set(section.key, section);
  }

  keys(): string[] {
    return [...this.sections.keys()].sort();
  }

  /** Every registered section for one seeker, in key order, with its title. */
  async collect(seekerId: string): Promise<Record<string, { title: string; records: unknown }>> {
    const out: Record<string, { title: string; records: unknown }> = {};
    for (const key of this.keys()) {
      const s = this.sections.get(key)!;
      out[key] = { title: s.title, records: await s.collect(seekerId) };
    }
    return out;
  }
}

/**
 * Base of a context's section: registers itself when its module starts.
 * A subclass gives `key`, `title` and `collect`; it reads its own tables through `db`.
 */
@Injectable()
export abstract class PersonalDataContributor implements OnModuleInit {
  abstract readonly key: string;
  abstract readonly title: string;

  constructor(
    protected readonly db: DataSource,
    private readonly registry: PersonalDataExportRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: this.key, title: this.title, collect: (id) => this.collect(id) });
  }

  abstract collect(seekerId: string): Promise<unknown>;
}
