import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bureau's category lists 人员类别名单 (issue 10 §1, owned by talent): each upload is one version of the list of a
 * category (建档立卡贫困家庭, 登记失业人员, 残疾人…); the newest version of a category is the active one and supersedes
 * the previous (superseded_at). Entries hold the ID number's look-up hash only (CryptoService.hash('id', …), as
 * seekers.id_number_hash), never the number or a name. A person whose id_number_hash is on the active list of a
 * category counts as verified for it (source BUREAU_LIST), whether they registered before or after the upload.
 */
export class CategoryLists1795431200000 implements MigrationInterface {
  name = 'CategoryLists1795431200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE category_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        list_date date NOT NULL,
        file_name text NOT NULL,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        uploaded_at timestamptz NOT NULL,
        rows_accepted integer NOT NULL CHECK (rows_accepted >= 0),
        superseded_at timestamptz,
        UNIQUE (category, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX category_lists_active ON category_lists (category) WHERE superseded_at IS NULL`);
    await q.query(`
      CREATE TABLE category_list_entries (
        list_id uuid NOT NULL REFERENCES category_lists(id) ON DELETE CASCADE,
        id_number_hash char(64) NOT NULL,
        PRIMARY KEY (list_id, id_number_hash)
      )`);
    await q.query(`CREATE INDEX category_list_entries_hash ON category_list_entries (id_number_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS category_list_entries`);
    await q.query(`DROP TABLE IF EXISTS category_lists`);
  }
}
