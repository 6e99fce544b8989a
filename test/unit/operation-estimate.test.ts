import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse, type GraphQLSchema } from 'graphql';

import { buildSubgraph } from '../../src/server/federation.js';
import { estimateOperation } from '../../src/server/limits/cost.js';
import { UpstreamBudget } from '../../src/server/limits/upstream-budget.js';

describe('the static operation estimate', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSubgraph();
  });
  const estimate = (query: string, variables?: Record<string, unknown>) =>
    estimateOperation(schema, parse(query), variables, undefined);

  it('costs an object 1, a scalar 0, and makes one provider call for a read by id', () => {
    expect(estimate('{ meeting(id: "a") { id subject mediaSettings { muteOnJoin } } }')).toEqual({
      cost: 2,
      upstreamCalls: 1,
      upstreamWrites: 0,
    });
  });

  it('sizes a batch by its distinct ids, and occurrences by @listSize(assumedSize: 50)', () => {
    expect(
      estimate('query($ids: [ID!]!) { meetings(ids: $ids) { occurrences { id } } }', {
        ids: ['a', 'b', 'a', 'c'],
      }),
    ).toEqual({ cost: 3 * (1 + 50), upstreamCalls: 3, upstreamWrites: 0 });
  });

  it('counts a mutation as one write of cost 10 plus what it selects', () => {
    expect(
      estimate('mutation { a: cancelMeeting(id: "x") { id } b: cancelWebinar(id: "y") { id } }'),
    ).toEqual({ cost: 2 * (10 + 0), upstreamCalls: 2, upstreamWrites: 2 });
  });

  it('sizes _entities by its representations and takes the dearest member of the union', () => {
    const r = [
      { __typename: 'Meeting', id: '1' },
      { __typename: 'Meeting', id: '2' },
    ];
    expect(
      estimate(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { occurrences { id } } ... on Webinar { id } } }',
        { r },
      ),
    ).toEqual({ cost: 2 * (1 + 50), upstreamCalls: 2, upstreamWrites: 0 });
  });

  it('leaves out what @skip or @include leave out', () => {
    expect(
      estimate(
        'query($s: Boolean!) { meeting(id: "a") @skip(if: $s) { id } providers { provider } }',
        {
          s: true,
        },
      ),
    ).toEqual({ cost: 10, upstreamCalls: 0, upstreamWrites: 0 });
  });
});

describe('the run-time upstream budget', () => {
  it('lets the calls up to the limit out, then refuses with the limit named', () => {
    const budget = new UpstreamBudget({ maxUpstreamCalls: 3, maxUpstreamWrites: 1 });
    budget.spend('read');
    budget.spend('write');
    expect(() => budget.spend('write')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'COST_ESTIMATED_TOO_EXPENSIVE',
          limit: 'upstreamWrites',
          max: 1,
        }),
      }),
    );
    budget.spend('read');
    expect(() => budget.spend('read')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ limit: 'upstreamCalls', max: 3 }),
      }),
    );
    expect(budget.spent).toEqual({ calls: 3, writes: 1 });
  });
});
