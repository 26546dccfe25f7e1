// The profile fields HR sees (masked by the API), shared by the application and talent profile screens.
import { graphql } from './gql';

export const HrSeekerFields = graphql(`
  fragment HrSeekerFields on SeekerProfile {
    id
    name
    age
    gender
    idNumberMasked
    phoneMasked
    phone
    regionName
    distanceKm
    education
    schoolName
    major
    graduationYear
    mandarinLevel
    typingSpeed
    callCenterMonths
    languages
    shifts
    categories
    completeness
    updatedAt
  }
`);

/** What the booth page shows of the queue: the same fields from the query, the push and "next". */
export const HrBoothQueueFields = graphql(`
  fragment HrBoothQueueFields on BoothQueue {
    boothId
    boothNumber
    waitingCount
    medianServiceSeconds
    answerSeconds
    current {
      seekerUserId
      number
      mode
      hrUserId
      calledAt
      answerBy
      answeredAt
      recalled
    }
    waiting {
      seekerUserId
      number
      mode
      skipped
      joinedAt
    }
  }
`);
