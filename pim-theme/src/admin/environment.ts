import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

/** The values keycloak.v2's admin index.ftl injects into the page (script#environment). */
export const environment = getInjectedEnvironment<AdminEnvironment>();

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The account console of a realm, where its users activate their eligible roles. */
export function accountConsoleUrl(realm: string, page = ""): string {
  return joinUrl(environment.serverBaseUrl, `realms/${encodeURIComponent(realm)}/account/${page}`);
}
