import { PageNav, useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import type { AccessType } from "@keycloak/keycloak-admin-client/lib/defs/whoAmIRepresentation";
import { NavGroup } from "@patternfly/react-core";
import { useLayoutEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router-dom";

/** The Privileged access pages in the navigation: path below /{realm}/, message key, test id, the right it needs beyond view-users. */
export const PIM_NAV: { path: string; title: string; testId: string; access?: AccessType }[] = [
  { path: "pim/assignments", title: "pimAssignments", testId: "nav-item-pim-assignments" },
  { path: "pim/roles", title: "pimRoleSettings", testId: "nav-item-pim-roles" },
  { path: "pim/requests", title: "pimRequests", testId: "nav-item-pim-requests" },
  { path: "pim/renewals", title: "pimRenewals", testId: "nav-item-pim-renewals", access: "manage-users" },
  { path: "pim/alerts", title: "pimAlerts", testId: "nav-item-pim-alerts" },
  { path: "pim/audit", title: "pimAudit", testId: "nav-item-pim-audit" },
  { path: "pim/settings", title: "pimSettings", testId: "nav-item-pim-settings", access: "view-realm" },
];

const NAV_SELECTOR = ".keycloak__page_nav__nav nav.pf-v5-c-nav";

/**
 * Keycloak's own navigation, unchanged, with a "Privileged access" group after its last group.
 * The library's PageNav has no slot for more groups, so the group is rendered into its <nav>
 * through a portal, in a container of its own that is kept as the last child.
 */
export const PimPageNav = () => {
  const [host, setHost] = useState<HTMLElement>();

  useLayoutEffect(() => {
    const container = document.createElement("div");
    container.id = "pim-nav-host";
    let observer: MutationObserver | undefined;
    const attach = () => {
      const nav = document.querySelector(NAV_SELECTOR);
      if (!nav) return false;
      if (nav.lastElementChild !== container) nav.appendChild(container);
      return true;
    };
    // Keycloak's groups appear once the realm and the admin's rights are loaded; stay last.
    observer = new MutationObserver(() => attach());
    observer.observe(document.body, { childList: true, subtree: true });
    attach();
    setHost(container);
    return () => {
      observer?.disconnect();
      container.remove();
    };
  }, []);

  return (
    <>
      <PageNav />
      {host && createPortal(<PimNavGroup />, host)}
    </>
  );
};

const PimNavGroup = () => {
  const { t } = useTranslation();
  const { hasAccess } = useAccess();
  const { realm } = useRealm();
  if (!hasAccess("view-users")) return null;
  return (
    <NavGroup title={t("pimPrivilegedAccess")} aria-label={t("pimPrivilegedAccess")} id="pim-nav" data-testid="pim-nav">
      {PIM_NAV.filter(({ access }) => !access || hasAccess(access)).map(({ path, title, testId }) => (
        <li key={path} className="pf-v5-c-nav__item">
          <NavLink
            id={testId}
            data-testid={testId}
            to={`/${encodeURIComponent(realm)}/${path}`}
            className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
          >
            {t(title)}
          </NavLink>
        </li>
      ))}
    </NavGroup>
  );
};
