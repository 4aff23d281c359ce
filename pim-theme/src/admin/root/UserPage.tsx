import { EditUser } from "@keycloak/keycloak-admin-ui";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { useHref, useParams } from "react-router-dom";
import { usePimPermissions } from "../pim/hooks";
import { UserPrivilegedAccess } from "../pim/UserPrivilegedAccess";

export const PRIVILEGED_ACCESS_TAB = "privileged-access";

const CURRENT = "pf-m-current";

type Slots = { tab: HTMLLIElement; panel: HTMLDivElement };

/**
 * Keycloak's user page (the library's EditUser, unchanged) with a "Privileged access" tab. EditUser
 * has no slot for more tabs, so the tab is rendered into its tab list through a portal, as the
 * navigation's group is (PimPageNav). On /users/{id}/privileged-access EditUser falls back to its
 * first tab; that tab's content is hidden and the PIM panel shown below the tab list instead.
 * EditUser is remounted when the tab is left, so Keycloak's own tabs come back exactly as it draws them.
 */
export default function UserPage() {
  const { id, tab } = useParams();
  const onPimTab = tab === PRIVILEGED_ACCESS_TAB;
  const { canView } = usePimPermissions();
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const slots = useTabSlots(container, canView, onPimTab);
  return (
    <div ref={setContainer} className={onPimTab ? "pim-user-page pim-user-page--pim-tab" : "pim-user-page"}>
      <EditUser.default key={onPimTab ? "pim-tab" : "keycloak-tabs"} />
      {slots && createPortal(<TabLink userId={id!} current={onPimTab} />, slots.tab)}
      {slots && onPimTab && createPortal(<UserPrivilegedAccess userId={id!} />, slots.panel)}
    </div>
  );
}

const TabLink = ({ userId, current }: { userId: string; current: boolean }) => {
  const { t } = useTranslation();
  const { realm } = useParams();
  const href = useHref(`/${encodeURIComponent(realm!)}/users/${encodeURIComponent(userId)}/${PRIVILEGED_ACCESS_TAB}`);
  const link = useRef<HTMLAnchorElement>(null);
  // The tab list scrolls sideways when Keycloak shows many tabs: the current tab should be in sight.
  useEffect(() => {
    if (current) link.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current]);
  return (
    <a ref={link} className="pf-v5-c-tabs__link" role="tab" aria-selected={current} href={href} data-testid="pim-user-tab">
      <span className="pf-v5-c-tabs__item-text">{t("pimPrivilegedAccess")}</span>
    </a>
  );
};

/**
 * Finds EditUser's tab list once it is drawn (after its data loads) and keeps one extra tab item at
 * its end; on the PIM tab also marks that item current, Keycloak's items not, and provides the
 * panel's host after the tab list. Returns nothing until the tab list exists.
 */
function useTabSlots(container: HTMLElement | null, enabled: boolean, onPimTab: boolean): Slots | undefined {
  const [slots, setSlots] = useState<Slots>();
  useLayoutEffect(() => {
    if (!container || !enabled) return;
    const tab = document.createElement("li");
    tab.setAttribute("role", "presentation");
    const panel = document.createElement("div");
    panel.className = "pim-user-tab-panel";
    const apply = () => {
      const list = container.querySelector<HTMLUListElement>("ul.pf-v5-c-tabs__list");
      const tabs = list?.closest(".pf-v5-c-tabs");
      if (!list || !tabs?.parentElement) return;
      if (list.lastElementChild !== tab) list.appendChild(tab);
      if (tabs.parentElement.lastElementChild !== panel) tabs.parentElement.appendChild(panel);
      const wanted = onPimTab ? `pf-v5-c-tabs__item ${CURRENT}` : "pf-v5-c-tabs__item";
      if (tab.className !== wanted) tab.className = wanted;
      if (onPimTab) {
        list.querySelectorAll(`:scope > li.${CURRENT}`).forEach((item) => {
          if (item === tab) return;
          item.classList.remove(CURRENT);
          item.querySelector("[aria-selected]")?.setAttribute("aria-selected", "false");
        });
      }
      setSlots((current) => (current?.tab === tab ? current : { tab, panel }));
    };
    const observer = new MutationObserver(apply);
    observer.observe(container, { childList: true, subtree: true });
    apply();
    return () => {
      observer.disconnect();
      tab.remove();
      panel.remove();
      setSlots(undefined);
    };
  }, [container, enabled, onPimTab]);
  return slots;
}
