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
