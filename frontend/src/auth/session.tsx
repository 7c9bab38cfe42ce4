import { Center, Loader } from "@mantine/core";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Provider as UrqlProvider, useQuery } from "urql";
import { makeClient } from "../api/client";
import { graphql } from "../gql";
import type { MeQuery } from "../gql/graphql";
import i18n, { rememberLanguage, type Language } from "../i18n";

export const MeDocument = graphql(`
  query Me {
    me {
      id email fullName locale permissions roles emailVerified
      twoFactorEnabled twoFactorSetupRequired twoFactorRecoveryCodesLeft
      memberships { tenantId slug name status current }
    }
  }
`);

export type Me = NonNullable<MeQuery["me"]>;

interface Session {
  me: Me | null;
  /** Start afresh (new cache) after logging in or out, switching company or language. */
  reset: () => void;
  can: (permission: string) => boolean;
  setLanguage: (lang: Language) => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const reset = useCallback(() => setGeneration((g) => g + 1), []);
  // A new client per generation: nothing cached from one company or language leaks into the next.
  const client = useMemo(() => makeClient(() => undefined), [generation]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <UrqlProvider value={client} key={generation}>
      <SessionLoader reset={reset}>{children}</SessionLoader>
    </UrqlProvider>
  );
}

function SessionLoader({ children, reset }: { children: ReactNode; reset: () => void }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: MeDocument, requestPolicy: "network-only" });
  const me = data?.me ?? null;
  const value = useMemo<Session>(() => {
    const granted = new Set(me?.permissions ?? []);
    return {
      me,
      reset,
      can: (permission) => granted.has(permission),
      setLanguage: (lang) => {
        rememberLanguage(lang);
        void i18n.changeLanguage(lang).then(reset);
      },
    };
  }, [me, reset]);
  if (fetching && !data) {
    return <Center h="100vh"><Loader aria-label={t("app.loading")} /></Center>;
  }
  if (error && !data) {
    return <Center h="100vh">{t("common.error")}</Center>;
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
