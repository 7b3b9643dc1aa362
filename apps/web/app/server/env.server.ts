// The web app's settings come from the one environment module shared with the command line
// (@cabinet/config): the schema, the defaults and the production refusals live there.
export { ConfigError, type Env, readEnv } from "@cabinet/config";
