import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** The values Keycloak's account index.ftl injects into the page (script#environment). */
export const environment = getInjectedEnvironment<AccountEnvironment>();

/** The router path of a console page, e.g. "pim/roles" -> "/realms/demo/account/pim/roles". */
export function consolePath(path: string): string {
  const base = new URL(environment.baseUrl).pathname;
  return `${base.endsWith("/") ? base : `${base}/`}${path}`;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
