import { ForbiddenSection, useAccess } from "@keycloak/keycloak-admin-ui";
import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import type { ReactNode } from "react";
import { useMatches } from "react-router-dom";
import { ActivateHint } from "./NoAccessHint";

/**
 * Keycloak's AuthWall (the route's handle.access decides), with one addition on the forbidden page:
 * where to activate an eligible role that would give the missing rights.
 */
export const AuthWall = ({ children }: { children: ReactNode }) => {
  const matches = useMatches();
  const { hasAccess } = useAccess();
  const needed = matches.flatMap(({ handle }) => {
    if (typeof handle !== "object" || handle === null || !("access" in handle)) return [];
    const access = (handle as { access: AccessType | AccessType[] }).access;
    return Array.isArray(access) ? access : [access];
  });
  if (!hasAccess(...needed)) {
    return (
      <>
        <ForbiddenSection permissionNeeded={needed} />
        <ActivateHint />
      </>
    );
  }
  return <>{children}</>;
};
