import { describe, expect, it } from '@jest/globals';

import { ConfigError, loadConfig } from '../../src/config/env.js';
import { DEFAULT_OPERATION_LIMITS } from '../../src/server/limits/operation-limits.js';

describe('loadConfig: operation limits, production switches, shutdown grace', () => {
  it('has documented defaults: limits, dev aids on, 10 s grace', () => {
    const config = loadConfig({});
    expect(config.limits).toEqual({
      maxDepth: 8,
      maxAliases: 15,
      maxRootFields: 10,
      maxCost: 10_000,
      maxUpstreamCalls: 100,
      maxUpstreamWrites: 5,
    });
    expect(config.limits).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(config.introspection).toBe(true);
    expect(config.playground).toBe(true);
    expect(config.shutdownGraceMs).toBe(10_000);
  });

  it('turns introspection and the playground off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      introspection: false,
      playground: false,
    });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toMatchObject({
      introspection: true,
      playground: false,
    });
  });

  it('takes every limit from the environment', () => {
    expect(
      loadConfig({
        GRAPHQL_MAX_DEPTH: '5',
        GRAPHQL_MAX_ALIASES: '0',
        GRAPHQL_MAX_ROOT_FIELDS: '3',
        GRAPHQL_MAX_COST: '500',
        MAX_UPSTREAM_CALLS_PER_REQUEST: '20',
        MAX_UPSTREAM_WRITES_PER_REQUEST: '1',
        SHUTDOWN_GRACE_MS: '2500',
      }),
    ).toMatchObject({
      limits: {
        maxDepth: 5,
        maxAliases: 0,
        maxRootFields: 3,
        maxCost: 500,
        maxUpstreamCalls: 20,
        maxUpstreamWrites: 1,
      },
      shutdownGraceMs: 2500,
    });
  });

  it('reports every bad value at once, naming the variable', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        GRAPHQL_MAX_DEPTH: '0',
        GRAPHQL_MAX_COST: 'lots',
        MAX_UPSTREAM_CALLS_PER_REQUEST: '-1',
        GRAPHQL_INTROSPECTION: 'yes',
        SHUTDOWN_GRACE_MS: '1.5',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'GRAPHQL_MAX_DEPTH: expected an integer from 1 to 100, got "0"',
      'GRAPHQL_MAX_COST: expected an integer from 1 to 10000000, got "lots"',
      'MAX_UPSTREAM_CALLS_PER_REQUEST: expected an integer from 1 to 100000, got "-1"',
      'GRAPHQL_INTROSPECTION: expected true or false, got "yes"',
      'SHUTDOWN_GRACE_MS: expected an integer from 0 to 600000, got "1.5"',
    ]);
  });
});
