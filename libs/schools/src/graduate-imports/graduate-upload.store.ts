import { CryptoService } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Uploaded graduate lists wait for the worker in PostgreSQL
 * (graduate_import_files), encrypted like every other piece of personal data:
 * the API and the worker share no disk. Each process only keeps a private
 * temporary copy (<os.tmpdir()>/talent-cloud-graduate-imports, mode 0700,
 * files 0600) while it reads the file, and deletes it afterwards; the stored
 * copy is deleted as soon as the import finishes.
 */
export const GRADUATE_UPLOAD_DIR = path.join(os.tmpdir(), 'talent-cloud-graduate-imports');

export function ensureUploadDir(): string {
  fs.mkdirSync(GRADUATE_UPLOAD_DIR, { recursive: true, mode: 0o700 });
  return GRADUATE_UPLOAD_DIR;
}

@Injectable()
export class GraduateUploadStore {
  private readonly logger = new Logger(GraduateUploadStore.name);
  readonly dir = GRADUATE_UPLOAD_DIR;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {}

  /** Keeps the uploaded file (encrypted) for the worker, in the caller's transaction. */
  async persist(manager: EntityManager, importId: string, localPath: string): Promise<void> {
    const content = this.crypto.encryptBytes(await fs.promises.readFile(localPath));
    await manager.query(`INSERT INTO graduate_import_files (import_id, content_enc) VALUES ($1, $2)`, [importId, content]);
  }

  /** A private local copy of the stored file for reading, or null when it is gone. */
  async materialize(importId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT content_enc FROM graduate_import_files WHERE import_id = $1`, [importId]);
    if (!row) return null;
    ensureUploadDir();
    const local = path.join(this.dir, `${importId}-${process.pid}-${Date.now()}`);
    await fs.promises.writeFile(local, this.crypto.decryptBytes(row.content_enc), { mode: 0o600 });
    return local;
  }

  /** The import is over: drop the stored file and the local copy. */
  async discard(importId: string, localPath?: string | null): Promise<void> {
    await this.dataSource.query(`DELETE FROM graduate_import_files WHERE import_id = $1`, [importId]);
    await this.remove(localPath);
  }

  async sha256(file: string): Promise<string> {
    const h = createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
    return h.digest('hex');
  }

  /** Lines in a text file (a cheap row estimate for CSV progress). */
  async countLines(file: string): Promise<number> {
    let n = 0;
    let last = 10;
    for await (const chunk of fs.createReadStream(file)) {
      const b = chunk as Buffer;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
      if (b.length) last = b[b.length - 1];
    }
    return last === 10 ? n : n + 1;
  }

  async remove(file: string | null | undefined): Promise<void> {
    if (!file) return;
    await fs.promises.rm(file, { force: true }).catch((e) => this.logger.warn(`could not delete upload: ${e.code ?? e.message}`));
  }
}
