import { randomUUID } from 'crypto';

/** What the GraphQL plugin learns about an HTTP request's operation (put on the request for the access log). */
export interface GraphqlFacts {
  /** The client's operationName, if it sent one. */
  operationName?: string;
  type?: string;
  /** Root fields, sorted and joined: the bounded label metrics use ("me", "apply", "applications,me"). */
  fields: string;
  variables?: Record<string, unknown>;
  errors?: string[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** An incoming X-Request-Id when it is well formed (a proxy's), otherwise a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && REQUEST_ID.test(v) ? v : randomUUID();
}

/** Caller and operation of a finished request, for the access log: ids and the role, never a name or number. */
export function requestFacts(req: any): Record<string, unknown> {
  const actor = req?.actor;
  const gql: GraphqlFacts | undefined = req?.graphql;
  return {
    ...(actor ? { userId: actor.userId, role: actor.role, tenantId: actor.tenantId ?? undefined, schoolId: actor.schoolId ?? undefined } : {}),
    ...(gql ? { gql } : {}),
  };
}
