import { buildSchema, GraphQLError, parse } from 'graphql';
import { GraphqlSection } from '../config/config';
import { estimateCost } from './cost';
import { checkOperationLimits } from './limits';

/** checkOperationLimits prices a parsed document once per (variables, operation), and never lets a cached price stand in for other variables. */
describe('checkOperationLimits cost cache', () => {
  const schema = buildSchema(`
    type Tenant { id: ID! name: String! }
    type TenantPage { items: [Tenant!]! total: Int! hasMore: Boolean! }
    type Query { tenants(first: Int! = 20): TenantPage! other(first: Int! = 20): TenantPage! }
  `);
  const cfg = { maxDepth: 8, maxComplexity: 100, maxRootFields: 12 } as GraphqlSection;
  const doc = parse(`query Page($n: Int!) { tenants(first: $n) { total items { id name } } }`);
  const tooComplex = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof GraphQLError ? e.extensions.code : e;
    }
    return 'no error';
  };

  it('gives the same price as a fresh estimate, for each set of variables on the same document', () => {
    for (const n of [1, 10, 40, 10, 1, 40]) {
      expect(checkOperationLimits(cfg, schema, doc, { n }, 'Page')).toBe(estimateCost(schema, doc, { n }, 'Page'));
    }
  });

  it('still refuses the same document with costlier variables after a cheap call was cached', () => {
    expect(checkOperationLimits(cfg, schema, doc, { n: 5 }, 'Page')).toBeLessThan(cfg.maxComplexity);
    expect(tooComplex(() => checkOperationLimits(cfg, schema, doc, { n: 100 }, 'Page'))).toBe('QUERY_TOO_COMPLEX');
    expect(tooComplex(() => checkOperationLimits(cfg, schema, doc, { n: 100 }, 'Page'))).toBe('QUERY_TOO_COMPLEX');
    // A tighter limit for the same cached price is applied too.
    expect(tooComplex(() => checkOperationLimits({ ...cfg, maxComplexity: 10 }, schema, doc, { n: 5 }, 'Page'))).toBe('QUERY_TOO_COMPLEX');
  });

  it('prices per operation name and per schema, and reports bad variables every time', () => {
    const two = parse(`query A { tenants(first: 2) { items { id } } } query B { other(first: 50) { items { id name } } }`);
    expect(checkOperationLimits(cfg, schema, two, {}, 'A')).toBe(estimateCost(schema, two, {}, 'A'));
    expect(tooComplex(() => checkOperationLimits(cfg, schema, two, {}, 'B'))).toBe('QUERY_TOO_COMPLEX');
    const other = buildSchema(`type T { id: ID! } type TPage { items: [T!]! total: Int! } type Query { tenants(first: Int! = 20): TPage! }`);
    const small = parse(`query Page($n: Int!) { tenants(first: $n) { items { id } } }`);
    expect(checkOperationLimits(cfg, schema, small, { n: 3 }, 'Page')).toBe(estimateCost(schema, small, { n: 3 }, 'Page'));
    expect(checkOperationLimits(cfg, other, small, { n: 3 }, 'Page')).toBe(estimateCost(other, small, { n: 3 }, 'Page'));
    for (let i = 0; i < 2; i++) expect(tooComplex(() => checkOperationLimits(cfg, schema, doc, { n: 'x' }, 'Page'))).toBe('BAD_USER_INPUT');
  });
});
