import { InterviewEntity, InterviewSlotEntity } from './interviews/interview.entity';
import { ScorecardEntity, ScorecardTemplateEntity } from './scorecards/scorecard.entity';

export const INTERVIEW_ENTITIES = [InterviewEntity, InterviewSlotEntity, ScorecardTemplateEntity, ScorecardEntity];
