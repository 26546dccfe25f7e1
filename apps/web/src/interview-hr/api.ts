// The HR interview page's GraphQL client: the page is served by the API's origin (/interview/hr.html), so the HR
// workbench's stored session (localStorage 'tc.hr', same origin, apps/web/src/hr/api.ts) calls /graphql here too.
import { Client } from '../shared/gql';

export const api = new Client('tc.hr');
