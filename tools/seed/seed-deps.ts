/** What the seed needs from the libraries, imported without booting Nest. */
export { AppConfig, loadConfig } from '../../libs/core/src/config/config';
export { CryptoService } from '../../libs/core/src/crypto/crypto.service';
export { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
export { makeCreditCode } from '../../libs/core/src/identity/credit-code';
export { makeResidentId } from '../../libs/core/src/identity/resident-id';
import { profileCompleteness } from '../../libs/talent/src/seekers/seeker.entity';

export function profileCompletenessRow(r: Record<string, unknown>): number {
  return profileCompleteness(r as never);
}
