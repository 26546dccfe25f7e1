import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Who is being erased and when (the app's Clock), passed to every contributor. */
export interface ErasureContext {
  /** the account being deleted, when there is one */
  userId: string | null;
  now: Date;
}

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
  /**
   * Erases (or pseudonymises, where an audited record must stay) what this context keeps about the person,
   * inside the erasure's one transaction (`manager`).
   */
  erase(seekerId: string, manager: EntityManager, ctx: ErasureContext): Promise<void>;
  /** The records are spread into the export's top level instead of a titled section (employers: `applications`, `hires`). */
  inline?: boolean;
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

  /** Every registered section for one seeker, in key order, with its title (inline sections spread at the top). */
  async collect(seekerId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of this.keys()) {
      const s = this.sections.get(key)!;
      const records = await s.collect(seekerId);
      if (s.inline) Object.assign(out, records as Record<string, unknown>);
      else out[key] = { title: s.title, records };
    }
    return out;
  }

  /** Every context erases its own rows about the person, in key order, inside the caller's transaction. */
  async eraseAll(seekerId: string, manager: EntityManager, ctx: ErasureContext): Promise<void> {
    for (const key of this.keys()) await this.sections.get(key)!.erase(seekerId, manager, ctx);
  }
}

/**
 * Base of a context's section: registers itself when its module starts.
 * A subclass gives `key`, `title`, `collect` and `erase`; it reads and erases only its own tables.
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
    this.registry.register({
      key: this.key,
      title: this.title,
      inline: this.inline,
      collect: (id) => this.collect(id),
      erase: (id, m, ctx) => this.erase(id, m, ctx),
    });
  }

  readonly inline: boolean = false;

  abstract collect(seekerId: string): Promise<unknown>;

  /** Erases this context's rows about the person in the erasure's transaction; see PersonalDataSection.erase. */
  abstract erase(seekerId: string, manager: EntityManager, ctx: ErasureContext): Promise<void>;
}
