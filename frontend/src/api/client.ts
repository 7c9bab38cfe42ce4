import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from "urql";
import i18n from "../i18n";

// One GraphQL client for the whole app: the session cookie travels with every request, the
// chosen language goes as Accept-Language so that server messages come back in it.
export function makeClient(onUnauthenticated: () => void): Client {
  return new Client({
    url: "/graphql",
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({
      credentials: "same-origin",
      headers: { "accept-language": i18n.language },
    }),
    exchanges: [
      mapExchange({
        onError(error: CombinedError) {
          if (errorCode(error) === "UNAUTHENTICATED") onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** The stable `extensions.code` of the first GraphQL error, if any. */
export function errorCode(error: CombinedError | undefined | null): string | undefined {
  const code = error?.graphQLErrors?.[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

/** A human message for an error: the server's own text for GraphQL errors. */
export function errorMessage(error: CombinedError | undefined | null, fallback: string): string {
  if (!error) return fallback;
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join(" ");
  return fallback;
}
