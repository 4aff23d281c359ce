import { useAccess, useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useCallback, useEffect, useMemo, useRef, useState, type DependencyList } from "react";
import { useTranslation } from "react-i18next";
import { environment } from "../environment";
import { PimAdminApi } from "./api";

/** The PIM admin API of the realm the console shows. */
export function usePimApi(): PimAdminApi {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  return useMemo(() => new PimAdminApi(adminClient, realm), [adminClient, realm]);
}

/**
 * What the signed-in admin may do here, mirroring the API's checks: reading needs view-users,
 * eligibilities, assignments and revocations manage-users, policies manage-realm.
 */
export function usePimPermissions() {
  const { hasAccess } = useAccess();
  return {
    canView: hasAccess("view-users"),
    canManageUsers: hasAccess("manage-users"),
    canManageRealm: hasAccess("manage-realm"),
  };
}

export type Loaded<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
};

/**
 * The one data-loading hook of the pages: runs load (with an AbortSignal) when deps change or on
 * reload(), keeps the last result, and reports errors instead of throwing them.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [key, setKey] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error) => !controller.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, key]);
  const reload = useCallback(() => setKey((k) => k + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** The locale for dates: the console's language. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language ?? "en";
}

/** Usernames and display names of users by id, fetched once per id through the admin API. */
export function useUserNames(ids: (string | null | undefined)[]): Record<string, { username: string; name: string }> {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [names, setNames] = useState<Record<string, { username: string; name: string }>>({});
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort().join(",");
  useEffect(() => {
    const missing = wanted ? wanted.split(",").filter((id) => !(id in names)) : [];
    if (missing.length === 0) return;
    let cancelled = false;
    void Promise.all(
      missing.map(async (id) => {
        // An actor may be an admin of the realm signed in to (e.g. a master admin): look there second.
        for (const where of [...new Set([realm, environment.realm])]) {
          try {
            const user = await adminClient.users.findOne({ id, realm: where });
            if (user) {
              return [id, { username: user.username ?? id, name: [user.firstName, user.lastName].filter(Boolean).join(" ") }] as const;
            }
          } catch {
            // not in this realm, or not visible to the admin
          }
        }
        return [id, { username: id, name: "" }] as const;
      }),
    ).then((entries) => !cancelled && setNames((current) => ({ ...current, ...Object.fromEntries(entries) })));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, realm]);
  return names;
}
