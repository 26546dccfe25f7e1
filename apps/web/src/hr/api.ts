// The HR console's GraphQL client and the signed-in state the shell shows (the company name in the top bar).
import { ref } from 'vue';
import { Client } from '../shared/gql';
import { graphql } from './gql';

/** Same storage key as the legacy HR app ('tc.hr'): the interview pages read the HR session from it. */
export const api = new Client('tc.hr');

/** Whether a session is stored (reactive copy of api.session for the shell). */
export const signedIn = ref(!!api.session);
export const company = ref('');

const HrMyTenant = graphql(`
  query HrMyTenant {
    myTenant {
      name
    }
  }
`);

let companyReq: Promise<void> | null = null;
/** The company name in the top bar (myTenant), fetched once per sign-in. */
export function loadCompany(force = false): Promise<void> {
  if (!api.session) return Promise.resolve();
  if (!companyReq || force)
    companyReq = api
      .run(HrMyTenant)
      .then((d) => {
        company.value = d.myTenant.name;
      })
      .catch(() => {
        company.value = '';
        companyReq = null;
      });
  return companyReq;
}

export function forget(): void {
  signedIn.value = false;
  company.value = '';
  companyReq = null;
}
