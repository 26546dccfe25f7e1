import { Spine1795420800000 } from './1795420800000-Spine';
import { Matching1795420900000 } from './1795420900000-Matching';
import { Training1795421000000 } from './1795421000000-Training';
import { Schools1795421100000 } from './1795421100000-Schools';
import { Interviews1795421300000 } from './1795421300000-Interviews';
import { MatchingSpeed1795421400000 } from './1795421400000-MatchingSpeed';
import { MatchingTraining1795421500000 } from './1795421500000-MatchingTraining';
import { IdentityClaims1795421600000 } from './1795421600000-IdentityClaims';
import { SchoolLinkConsent1795421700000 } from './1795421700000-SchoolLinkConsent';
import { ImportCrashGuard1795421800000 } from './1795421800000-ImportCrashGuard';
import { SubsidyPayouts1795430100000 } from './1795430100000-SubsidyPayouts';
import { Fairs1795431000000 } from './1795431000000-Fairs';
import { FairsLive1795431100000 } from './1795431100000-FairsLive';
import { CategoryLists1795431200000 } from './1795431200000-CategoryLists';
import { SubsidyClaims1795430000000 } from './1795430000000-SubsidyClaims';

/** Every migration, in order. The app, the CLI data source and the test set-up all use this list. */
export const MIGRATIONS = [
  Spine1795420800000,
  Matching1795420900000,
  Training1795421000000,
  Schools1795421100000,
  Interviews1795421300000,
  MatchingSpeed1795421400000,
  MatchingTraining1795421500000,
  IdentityClaims1795421600000,
  SchoolLinkConsent1795421700000,
  ImportCrashGuard1795421800000,
  SubsidyClaims1795430000000,
  SubsidyPayouts1795430100000,
  Fairs1795431000000,
  FairsLive1795431100000,
  CategoryLists1795431200000,
];
