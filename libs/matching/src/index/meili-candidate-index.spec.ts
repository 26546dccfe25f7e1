import { loadConfig } from '@app/core';
import { candidateIndexContract, CONTRACT_BASE } from './candidate-index.contract';
import { MeiliCandidateIndex } from './meili-candidate-index';

const { meiliUrl, meiliKey } = loadConfig().search;

if (!meiliUrl) {
  process.stdout.write('\n[matching] Meilisearch contract suite SKIPPED: set MEILI_URL (and MEILI_MASTER_KEY) to run it.\n');
  describe.skip('CandidateIndex contract: meilisearch (MEILI_URL not set)', () => {
    it('needs a Meilisearch server', () => undefined);
  });
} else {
  candidateIndexContract('meilisearch', async () => {
    const uid = `contract_${process.pid}_${Date.now()}`;
    const index = new MeiliCandidateIndex(meiliUrl, meiliKey, CONTRACT_BASE, uid);
    return {
      index,
      cleanup: async () => {
        const { Meilisearch } = (process as unknown as { getBuiltinModule(n: string): typeof import('module') })
          .getBuiltinModule('module')
          .createRequire(__filename)('meilisearch') as typeof import('meilisearch/dist/index.js');
        await new Meilisearch({ host: meiliUrl, apiKey: meiliKey }).deleteIndex(uid).waitTask();
      },
    };
  });
}

describe('Meilisearch engine errors', () => {
  it('says clearly, in Chinese and English, when the server is unreachable', async () => {
    const index = new MeiliCandidateIndex('http://127.0.0.1:9', undefined, CONTRACT_BASE, 'unreachable');
    await expect(index.search({ limit: 1, offset: 0 })).rejects.toMatchObject({
      code: 'SEARCH_UNAVAILABLE',
      messageZh: expect.stringContaining('无法连接 Meilisearch'),
      messageEn: expect.stringContaining('cannot reach Meilisearch at http://127.0.0.1:9'),
    });
  });
});
