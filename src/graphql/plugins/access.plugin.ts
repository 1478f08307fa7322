import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Principal } from "../../auth/roles";
import type { Config } from "../../config/config";
import type { Safelist } from "./safelist";

export interface AccessContext {
  auth: Principal;
}

type AccessConfig = Pick<Config, "introspection" | "introspectionRoles" | "safelist">;

/** Introspection and "Did you mean" hints go together: both reveal the schema. */
export function maySeeSchema(principal: Principal, config: AccessConfig): boolean {
  return config.introspection || config.introspectionRoles.includes(principal.role);
}

export function mustUseSafelist(principal: Principal, config: AccessConfig): boolean {
  return config.safelist === "enforce" || principal.safelistOnly === true;
}

const introspecting = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, boolean>>();

/** Remembered per parsed document: Apollo hands the same document object to every request with that text. */
export function introspects(schema: GraphQLSchema, document: DocumentNode): boolean {
  let bySchema = introspecting.get(schema);
  if (!bySchema) introspecting.set(schema, (bySchema = new WeakMap()));
  let found = bySchema.get(document);
  if (found === undefined) {
    found = validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0;
    bySchema.set(document, found);
  }
  return found;
}

export function forbidden(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", ...extensions, http: { status: 403 } } });
}

export function introspectionForbidden(principal: Principal, config: AccessConfig): GraphQLError {
  const roles = config.introspectionRoles.length ? `use an API key with role ${config.introspectionRoles.join(" or ")}` : "it is turned off";
  return forbidden(`Introspection is not available to role ${principal.role}: ${roles}. The schema is published in the documentation.`);
}

export function unregisteredOperation(hash: string, principal: Principal, config: AccessConfig): GraphQLError {
  const who = config.safelist === "enforce" ? "This gateway runs" : `API key ${principal.keyId} may run`;
  return forbidden(`${who} registered operations only (safelist); operation ${hash.slice(0, 16)}… is not registered. Register it with \`khabar queries register <file.graphql>\` and send its sha256 (APQ) or its registered text.`, {
    reason: "SAFELIST",
    sha256Hash: hash,
  });
}

/** Strips schema hints from messages for clients not allowed to see the schema. */
const stripSuggestions = (message: string) => message.replace(/ ?Did you mean(.+?)\?$/, "");

/**
 * Per-role access checks that cannot be static validation rules (Apollo caches validated
 * documents across roles): introspection, field suggestions, and the safelist.
 */
export function accessPlugin(config: AccessConfig, safelist: Safelist): ApolloServerPlugin<AccessContext> {
  return {
    async requestDidStart({ contextValue }) {
      const principal = contextValue.auth;
      const schemaVisible = maySeeSchema(principal, config);
      return {
        async didResolveOperation({ schema, document, queryHash }) {
          if (mustUseSafelist(principal, config) && !safelist.has(queryHash)) throw unregisteredOperation(queryHash, principal, config);
          if (!schemaVisible && introspects(schema, document)) throw introspectionForbidden(principal, config);
        },
        async willSendResponse({ response }) {
          if (schemaVisible || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = result.errors.map((e) => ({ ...e, message: stripSuggestions(e.message) }));
        },
      };
    },
  };
}
