import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import type GroupRepresentation from "@keycloak/keycloak-admin-client/lib/defs/groupRepresentation";
import { Chip, ChipGroup, Label, Menu, MenuContent, MenuItem, MenuList, SearchInput, Spinner } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "./api";
import { LoadError } from "./components";
import { matchesSearch } from "./format";
import { roleLabel } from "./api";
import { useLoad, usePimApi } from "./hooks";

/** Every realm role and client role of the realm, with whether the admin may grant it (one call to PIM's /roles). */
export function useAllRoles() {
  const api = usePimApi();
  return useLoad((signal) => api.roles({ max: 1000 }, signal), [api]);
}

/** Search over realm and client roles; picks one (single) or adds to a list (multiple). */
export const RolePicker = ({
  onPick,
  selectedIds = [],
  label,
  testId = "pim-role-picker",
  grantableOnly = false,
}: {
  onPick: (role: Role) => void;
  selectedIds?: string[];
  label: string;
  testId?: string;
  /** Roles the admin may not grant are shown, but cannot be picked (the API would refuse them). */
  grantableOnly?: boolean;
}) => {
  const { t } = useTranslation();
  const roles = useAllRoles();
  const [search, setSearch] = useState("");
  const matching = (roles.data ?? []).filter((r) => matchesSearch(search, r.name, r.clientId, roleLabel(r))).slice(0, 50);
  return (
    <div data-testid={testId}>
      <SearchInput
        aria-label={label}
        placeholder={t("pimSearchRoles")}
        value={search}
        onChange={(_e, v) => setSearch(v)}
        onClear={() => setSearch("")}
        data-testid={`${testId}-search`}
      />
      <LoadError error={roles.error} />
      {roles.loading && <Spinner size="md" aria-label={t("pimLoading")} />}
      {search.trim() !== "" && (
      <Menu isScrollable aria-label={label} className="pf-v5-u-mt-sm pim-picker-menu">
        <MenuContent maxMenuHeight="16rem">
          <MenuList>
            {matching.map((role) => (
              <MenuItem
                key={role.id}
                itemId={role.id}
                isSelected={selectedIds.includes(role.id)}
                onClick={() => onPick(role)}
                isDisabled={grantableOnly && !role.grantable}
                description={grantableOnly && !role.grantable ? t("pimNotGrantable") : role.description ?? undefined}
                data-testid={`pim-role-option-${roleLabel(role)}`}
              >
                {role.clientId && (
                  <Label isCompact color="blue" className="pf-v5-u-mr-xs">
                    {role.clientId}
                  </Label>
                )}
                {role.name}
              </MenuItem>
            ))}
          </MenuList>
        </MenuContent>
      </Menu>
      )}
    </div>
  );
};

export type Member = { type: "USER" | "GROUP"; id: string; label: string };

function flattenGroups(groups: GroupRepresentation[], prefix = ""): { id: string; path: string }[] {
  return groups.flatMap((g) => {
    const path = g.path ?? `${prefix}/${g.name}`;
    return [{ id: g.id!, path }, ...flattenGroups(g.subGroups ?? [], path)];
  });
}

/** Search over users (username, name, email) and groups; the picked members as chips. */
export const MemberPicker = ({
  members,
  onChange,
  allowGroups = true,
  allowUsers = true,
  testId = "pim-member-picker",
  closeOnPick = false,
}: {
  members: Member[];
  onChange: (members: Member[]) => void;
  allowGroups?: boolean;
  allowUsers?: boolean;
  testId?: string;
  /** For a filter of one: picking ends the search (the menu closes). */
  closeOnPick?: boolean;
}) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const [search, setSearch] = useState("");
  const results = useLoad(async () => {
    const term = search.trim();
    if (!term) return [];
    const users = allowUsers ? await adminClient.users.find({ realm, search: term || undefined, first: 0, max: 20, briefRepresentation: true }) : [];
    const groups = allowGroups ? flattenGroups(await adminClient.groups.find({ realm, search: term || undefined, first: 0, max: 20 })) : [];
    return [
      ...users.map((u): Member => ({ type: "USER", id: u.id!, label: u.username! })),
      ...groups.filter((g) => matchesSearch(term, g.path)).map((g): Member => ({ type: "GROUP", id: g.id, label: g.path })),
    ];
  }, [search, realm, allowGroups, allowUsers]);
  const picked = new Set(members.map((m) => m.id));
  const searchKey = allowUsers && allowGroups ? "pimSearchMembersPicker" : allowUsers ? "pimSearchUsersPicker" : "pimSearchGroupsPicker";
  return (
    <div data-testid={testId}>
      {members.length > 0 && (
        <ChipGroup categoryName={t("pimSelected")} numChips={20} className="pf-v5-u-mb-sm">
          {members.map((m) => (
            <Chip key={m.id} onClick={() => onChange(members.filter((x) => x.id !== m.id))} closeBtnAriaLabel={t("pimRemoveMember", { member: m.label })}>
              {m.label}
            </Chip>
          ))}
        </ChipGroup>
      )}
      <SearchInput
        aria-label={t(searchKey)}
        placeholder={t(searchKey)}
        value={search}
        onChange={(_e, v) => setSearch(v)}
        onClear={() => setSearch("")}
        data-testid={`${testId}-search`}
      />
      <LoadError error={results.error} />
      {search.trim() !== "" && (
      <Menu isScrollable aria-label={t("pimMembers")} className="pf-v5-u-mt-sm pim-picker-menu">
        <MenuContent maxMenuHeight="16rem">
          <MenuList>
            {(results.data ?? []).map((m) => (
              <MenuItem
                key={`${m.type}-${m.id}`}
                itemId={m.id}
                hasCheckbox
                isSelected={picked.has(m.id)}
                onClick={() => {
                  onChange(picked.has(m.id) ? members.filter((x) => x.id !== m.id) : [...members, m]);
                  if (closeOnPick) setSearch("");
                }}
                data-testid={`pim-member-option-${m.label}`}
              >
                <Label isCompact color={m.type === "USER" ? "grey" : "purple"} className="pf-v5-u-mr-xs">
                  {t(m.type === "USER" ? "pimTypeUser" : "pimTypeGroup")}
                </Label>
                {m.label}
              </MenuItem>
            ))}
          </MenuList>
        </MenuContent>
      </Menu>
      )}
    </div>
  );
};

/** Labels of picked items with a remove button each; read-only chips (no button) without onRemove. */
export const PickedList = ({ items, onRemove, category }: { items: { id: string; label: string }[]; onRemove?: (id: string) => void; category: string }) => {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ChipGroup categoryName={category} numChips={20} className="pf-v5-u-mb-sm">
      {items.map((item) => (
        <Chip key={item.id} isReadOnly={!onRemove} onClick={() => onRemove?.(item.id)} closeBtnAriaLabel={t("pimRemoveMember", { member: item.label })}>
          {item.label}
        </Chip>
      ))}
    </ChipGroup>
  );
};

