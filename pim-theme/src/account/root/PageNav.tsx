import { useEnvironment, type AccountEnvironment, type Feature } from "@keycloak/keycloak-account-ui";
import {
  Badge,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  PageSidebar,
  PageSidebarBody,
} from "@patternfly/react-core";
import { useEffect, useState, type MouseEvent as ReactMouseEvent, type PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { matchPath, useHref, useLinkClickHandler, useLocation } from "react-router-dom";
import { consolePath, joinUrl } from "../environment";
import { usePimNav } from "./PimNavContext";

/** An entry of content.json, the console's menu (keycloak.v3's, unless a theme ships its own). */
type MenuItem =
  | { label: string; path: string; isVisible?: keyof Feature; modulePath?: string; id?: string }
  | { label: string; children: MenuItem[]; isVisible?: keyof Feature };

const PIM_PATHS = ["pim/roles", "pim/requests", "pim/approvals"];

function isActive(item: MenuItem, pathname: string): boolean {
  if ("path" in item) {
    return !!matchPath(consolePath(item.path), pathname);
  }
  return item.children.some((child) => isActive(child, pathname));
}

const NavLink = ({ path, active, children }: PropsWithChildren<{ path: string; active: boolean }>) => {
  const target = consolePath(path) + location.search;
  const href = useHref(target);
  const handleClick = useLinkClickHandler(target);
  return (
    <NavItem
      data-testid={path}
      to={href}
      isActive={active}
      onClick={(event) => handleClick(event as unknown as ReactMouseEvent<HTMLAnchorElement, MouseEvent>)}
    >
      {children}
    </NavItem>
  );
};

const StandardItem = ({ item }: { item: MenuItem }) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { pathname } = useLocation();
  const active = isActive(item, pathname);
  if ("path" in item) {
    return (
      <NavLink path={item.path} active={active}>
        {t(item.label)}
      </NavLink>
    );
  }
  return (
    <NavExpandable data-testid={item.label} title={t(item.label)} isActive={active} isExpanded={active}>
      {item.children
        .filter((child) => !child.isVisible || environment.features[child.isVisible])
        .map((child) => (
          <StandardItem key={child.label} item={child} />
        ))}
    </NavExpandable>
  );
};

const PrivilegedAccess = () => {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { showApprovals, approvals } = usePimNav();
  const active = PIM_PATHS.some((path) => matchPath(consolePath(path), pathname));
  const pending = approvals?.requests.length ?? 0;
  return (
    <NavExpandable
      data-testid="pimPrivilegedAccess"
      id="pim-nav"
      title={t("pimPrivilegedAccess")}
      isActive={active}
      isExpanded
    >
      <NavLink path="pim/roles" active={!!matchPath(consolePath("pim/roles"), pathname)}>
        {t("pimMyRoles")}
      </NavLink>
      <NavLink path="pim/requests" active={!!matchPath(consolePath("pim/requests"), pathname)}>
        {t("pimRequests")}
      </NavLink>
      {showApprovals && (
        <NavLink path="pim/approvals" active={!!matchPath(consolePath("pim/approvals"), pathname)}>
          {t("pimApprovals")}
          {pending > 0 && (
            <Badge
              isRead={false}
              className="pf-v5-u-ml-sm"
              screenReaderText={t("pimPendingApprovalsCount", { count: pending })}
            >
              {pending}
            </Badge>
          )}
        </NavLink>
      )}
    </NavExpandable>
  );
};

/**
 * The console's navigation: the standard menu of content.json (so every standard page stays as
 * Keycloak defines it) with a "Privileged access" group after "Account security".
 */
export const PageNav = () => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const [menu, setMenu] = useState<MenuItem[]>();

  useEffect(() => {
    const controller = new AbortController();
    fetch(joinUrl(environment.resourceUrl, "content.json"), { signal: controller.signal })
      .then((response) => response.json() as Promise<MenuItem[]>)
      .then(setMenu)
      .catch(() => {
        if (!controller.signal.aborted) setMenu([]);
      });
    return () => controller.abort();
  }, [environment.resourceUrl]);

  const visible = (menu ?? []).filter((item) => !item.isVisible || environment.features[item.isVisible]);
  const securityIndex = visible.findIndex((item) => item.label === "accountSecurity");
  const insertAt = securityIndex >= 0 ? securityIndex + 1 : visible.length;

  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t("pimMainNavigation")}>
          <NavList>
            {visible.slice(0, insertAt).map((item) => (
              <StandardItem key={item.label} item={item} />
            ))}
            {menu && <PrivilegedAccess />}
            {visible.slice(insertAt).map((item) => (
              <StandardItem key={item.label} item={item} />
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
};
