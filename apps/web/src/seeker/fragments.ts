// GraphQL fragments shared by the seeker app's documents (fields asked for by more than one query, mutation or push).
import { graphql } from './gql';

/** What the queue page shows of my place: the same fields from the query, joining and the push. */
export const SeekerBoothQueueFields = graphql(`
  fragment SeekerBoothQueueFields on MyBoothQueue {
    boothId
    boothNumber
    companyName
    number
    mode
    state
    position
    answerBy
    recalled
    estimate {
      minSeconds
      maxSeconds
      learned
    }
  }
`);
