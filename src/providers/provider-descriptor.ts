import type { AppConfig, ProviderConfig } from '../config/config.types.js';
import type { EmulatorHandle } from '../emulators/emulator-server.js';
import type { Provider } from '../schema/enums/provider.enum.js';
import type { Capabilities } from './capabilities.js';
import type { ProviderModule } from './meeting-provider.js';
import type { ProviderModuleOptions } from './provider-module.types.js';

/**
 * Everything the process knows about one provider, in one place (issue 10): its GraphQL name,
 * where its configuration lives, how its environment variables read, what it can do, how many
 * calls it may have in flight, and how to build its module and start its SANDBOX emulator.
 * The list of descriptors (`PROVIDERS`, src/providers/providers.ts) is the only list of
 * providers; the registry, `buildApp`, the emulator CLI and `loadConfig` are derived from it.
 * docs/adding-a-provider.md walks through one.
 */
export interface ProviderDescriptor<
  P extends Provider = Provider,
  K extends string = string,
  R extends CredentialVariables = CredentialVariables,
  O extends CredentialVariables = NoVariables,
  X extends object = object,
> {
  /** The GraphQL `Provider` value (e.g. `TENCENT_MEETING`); also the key of logs and ids. */
  readonly provider: P;
  /** Where `loadConfig` puts this provider's settings in `AppConfig` (e.g. `tencentMeeting`). */
  readonly configKey: K;
  /** The name `npm run emulator -- <name>` knows it by (e.g. `tencent-meeting`). */
  readonly cliName: string;
  /** Its environment variables: credentials, base URL, sandbox credentials, extra settings. */
  readonly env: ProviderEnvironment<R, O, X>;
  /** What it can do through this API (`providers { capabilities }`). */
  readonly capabilities: Capabilities;
  /** Upstream calls this provider may have in flight at once, per request (issue 10). */
  readonly maxConcurrency: number;
  /** Builds the long-lived module (HTTP client, token cache) once at start-up. */
  createModule(options: ProviderModuleOptions<CredentialsOf<R, O>, X>): ProviderModule;
  /**
   * Starts its emulator: the SANDBOX provider of `buildApp`, and `npm run emulator`. Mandatory:
   * with no credentials a provider runs against it, so the server always has something real to
   * talk HTTP to (docs/adding-a-provider.md says why).
   */
  startEmulator(options: ProviderEmulatorOptions<CredentialsOf<R, O>, X>): Promise<EmulatorHandle>;
}

/** Environment variable → credential key, e.g. `{ WECOM_CORP_ID: 'corpId' }`. */
export type CredentialVariables = Readonly<Record<string, string>>;
/** No variables of that kind. */
export type NoVariables = Readonly<Record<never, string>>;

/** The credentials object a set of variables fills: one string per credential key. */
export type CredentialsOf<R extends CredentialVariables, O extends CredentialVariables> = {
  [Key in R[keyof R] | O[keyof O]]: string;
};

export interface ProviderEnvironment<
  R extends CredentialVariables,
  O extends CredentialVariables,
  X extends object,
> {
  /** `<prefix>_BASE_URL` points the provider elsewhere (LIVE only), e.g. `WECOM`. */
  readonly prefix: string;
  /**
   * Variables a LIVE provider needs, all or none: none set is SANDBOX (the emulator, with
   * `sandboxCredentials`), some set is a configuration error naming the missing ones.
   */
  readonly required: R;
  /**
   * Variables a LIVE provider may leave unset; unset, the credential is `''` ("none issued"),
   * never the sandbox value. Set without the required ones, they are a configuration error.
   */
  readonly optional?: O;
  /** Where a LIVE provider is called when `<prefix>_BASE_URL` is unset. */
  readonly publicBaseUrl: string;
  /** The documented sandbox credentials (.env.example): SANDBOX mode uses them on both sides. */
  readonly sandboxCredentials: Readonly<CredentialsOf<R, O>>;
  /**
   * Settings beyond credentials (umeeting's `UMEETING_TIMEZONE`), read in both modes and merged
   * into the provider's config; report bad values with `env.problem` (all are listed at once).
   */
  extra?(env: EnvironmentReader): X;
}

/** What `loadConfig` lends a descriptor's `env.extra`. */
export interface EnvironmentReader {
  /** The trimmed value; `undefined` when unset or blank. */
  get(name: string): string | undefined;
  /** Records a configuration problem (`NAME: expected …, got "…"`); never include a secret. */
  problem(message: string): void;
}

/** What a descriptor's `startEmulator` gets: where to listen and the provider's settings. */
export interface ProviderEmulatorOptions<C, X extends object = object> {
  host?: string;
  port?: number;
  config: ProviderConfig<C> & X;
}

/**
 * A descriptor, checked and with its literal types kept (the provider, the config key, the
 * credential keys, the extra settings), so that `AppConfig` is derived from the list.
 */
export function defineProvider<
  const P extends Provider,
  const K extends string,
  const R extends CredentialVariables,
  const O extends CredentialVariables = NoVariables,
  X extends object = object,
>(descriptor: ProviderDescriptor<P, K, R, O, X>): ProviderDescriptor<P, K, R, O, X> {
  return descriptor;
}

/** Each descriptor's settings under its config key: the provider part of `AppConfig`. */
export type ProviderConfigsOf<L extends readonly ProviderDescriptor[]> = {
  readonly [D in L[number] as D['configKey']]: D extends ProviderDescriptor<
    Provider,
    string,
    infer R,
    infer O,
    infer X
  >
    ? ProviderConfig<CredentialsOf<R, O>> & X
    : never;
};

/** One provider's settings as `loadConfig` read them, whatever the descriptor list. */
export function providerConfigOf(
  config: AppConfig,
  descriptor: ProviderDescriptor,
): ProviderConfig<Readonly<Record<string, string>>> {
  const settings = (config as unknown as Record<string, unknown>)[descriptor.configKey];
  if (settings === undefined) {
    throw new Error(
      `no configuration for provider ${descriptor.provider}: pass the same descriptors to loadConfig and buildApp`,
    );
  }
  return settings as ProviderConfig<Readonly<Record<string, string>>>;
}

/**
 * Refuses a list where two descriptors share a provider, config key, CLI name or environment
 * prefix (a programming error, thrown, not a configuration problem).
 */
export function checkDescriptors(descriptors: readonly ProviderDescriptor[]): void {
  const names: Array<[string, (d: ProviderDescriptor) => string]> = [
    ['provider', (d) => d.provider],
    ['configKey', (d) => d.configKey],
    ['cliName', (d) => d.cliName],
    ['environment prefix', (d) => d.env.prefix],
  ];
  for (const [what, name] of names) {
    const seen = new Set<string>();
    for (const d of descriptors) {
      if (seen.has(name(d))) throw new Error(`two provider descriptors share ${what} ${name(d)}`);
      seen.add(name(d));
    }
  }
  for (const d of descriptors) {
    if (!Number.isInteger(d.maxConcurrency) || d.maxConcurrency < 1) {
      throw new Error(`${d.provider}: maxConcurrency must be a positive integer`);
    }
  }
}
