import { useRealm } from "@keycloak/keycloak-admin-ui";
import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Label,
  PageSection,
  SearchInput,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { ActionsColumn, Table, Tbody, Td, Th, Thead, Tr, type IAction } from "@patternfly/react-table";
import { Fragment, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import type { Eligibility, PimRequest, Role } from "./api";
import { errorText, LoadError, NoRows, PageHeader, RoleName, roleLabel, StatusLabel, useConfirmedAction, UserLabel } from "./components";
import { download, formatTime, groupBy, joinCsv, matchesSearch } from "./format";
import { useLoad, useLocale, usePimApi, usePimPermissions, useUserNames } from "./hooks";

export type AssignmentsTab = "eligible" | "active" | "expired";
const TABS: AssignmentsTab[] = ["eligible", "active", "expired"];
const MAX = 1000;

/** One line of the tables: an eligibility, or an elevation (activation or active assignment). */
type Row = {
  key: string;
  role: Role;
  principalType: "USER" | "GROUP";
  principalId: string;
  username: string;
  via: string | null;
  startsAt: number | null;
  endsAt: number | null;
  createdBy: string | null;
  eligibility?: Eligibility;
  request?: PimRequest;
};

function eligibilityRow(e: Eligibility): Row {
  return {
    key: `e-${e.id}`,
    role: e.role,
    principalType: e.principal.type,
    principalId: e.principal.id,
    username: e.principal.name ?? e.principal.id,
    via: null,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    createdBy: e.createdBy,
    eligibility: e,
  };
}

function requestRow(r: PimRequest, eligibilities: Map<string, Eligibility>): Row {
  const basis = r.eligibilityId ? eligibilities.get(r.eligibilityId) : undefined;
  return {
    key: `r-${r.id}`,
    role: r.role,
    principalType: "USER",
    principalId: r.user.id,
    username: r.user.username,
    via: basis?.principal.type === "GROUP" ? basis.principal.name : null,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    createdBy: r.requestedBy,
    request: r,
  };
}

export default function Assignments() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { realm } = useRealm();
  const { tab: tabParam } = useParams();
  const tab: AssignmentsTab = TABS.includes(tabParam as AssignmentsTab) ? (tabParam as AssignmentsTab) : "eligible";
  const api = usePimApi();
  const { canManageUsers } = usePimPermissions();
  const { addAlert } = useAlerts();
  const [search, setSearch] = useState("");

  const loaded = useLoad(
    async (signal) => {
      const eligibilities = await api.eligibilities({ max: MAX }, signal);
      const statuses = tab === "active" ? (["ACTIVE", "SCHEDULED"] as const) : tab === "expired" ? (["EXPIRED"] as const) : [];
      const requests = (await Promise.all(statuses.map((status) => api.requests({ status, max: MAX }, signal)))).flat();
      return { eligibilities, requests };
    },
    [api, tab],
  );

  const rows = useMemo<Row[]>(() => {
    if (!loaded.data) return [];
    const byId = new Map(loaded.data.eligibilities.map((e) => [e.id, e]));
    const states = tab === "eligible" ? ["ELIGIBLE", "FUTURE"] : tab === "expired" ? ["EXPIRED"] : [];
    return [
      ...loaded.data.eligibilities.filter((e) => states.includes(e.state)).map(eligibilityRow),
      ...loaded.data.requests.map((r) => requestRow(r, byId)),
    ];
  }, [loaded.data, tab]);

  const names = useUserNames(rows.flatMap((r) => [r.principalType === "USER" ? r.principalId : null, r.createdBy]));
  const displayName = (row: Row) => (row.principalType === "USER" ? names[row.principalId]?.name ?? "" : row.username);
  const filtered = rows.filter((row) => matchesSearch(search, row.username, displayName(row)));
  const groups = groupBy(filtered, (r) => r.role.id, (r) => roleLabel(r.role));
  const truncated = loaded.data && (loaded.data.eligibilities.length >= MAX || loaded.data.requests.length >= MAX);

  const [confirmRemove, removeDialog] = useConfirmedAction<Row>({
    title: t("pimRemoveEligibilityTitle"),
    message: (row) => t("pimRemoveEligibilityMessage", { principal: row.username, role: roleLabel(row.role) }),
    confirmLabel: t("pimRemove"),
    run: (row) => api.deleteEligibility(row.eligibility!.id),
    success: () => t("pimEligibilityRemoved"),
    onDone: loaded.reload,
  });
  const [confirmRevoke, revokeDialog] = useConfirmedAction<Row>({
    title: t("pimRevokeTitle"),
    message: (row) => t("pimRevokeMessage", { user: row.username, role: roleLabel(row.role) }),
    confirmLabel: t("pimRevoke"),
    reasonLabel: t("pimReason"),
    run: (row, reason) => api.revoke(row.request!.id, reason),
    success: () => t("pimRevoked"),
    onDone: loaded.reload,
  });

  const exports: { label: string; file: string; run: () => Promise<string> }[] =
    tab === "eligible"
      ? [{ label: t("pimExport"), file: "eligible-assignments.csv", run: async () => joinCsv(await Promise.all(["ELIGIBLE", "FUTURE"].map((state) => api.csv("/eligibilities", { state, max: MAX })))) }]
      : tab === "active"
        ? [{ label: t("pimExport"), file: "active-assignments.csv", run: async () => joinCsv(await Promise.all(["ACTIVE", "SCHEDULED"].map((status) => api.csv("/requests", { status, max: MAX })))) }]
        : [
            { label: t("pimExportEligibilities"), file: "expired-eligibilities.csv", run: () => api.csv("/eligibilities", { state: "EXPIRED", max: MAX }) },
            { label: t("pimExportElevations"), file: "expired-elevations.csv", run: () => api.csv("/requests", { status: "EXPIRED", max: MAX }) },
          ];
  const runExport = async (item: (typeof exports)[number]) => {
    try {
      download(item.file, await item.run());
    } catch (e) {
      addAlert(t("pimExportFailed"), AlertVariant.danger, errorText(e));
    }
  };

  const actions = (row: Row): IAction[] => {
    const items: IAction[] = [];
    if (row.principalType === "USER") {
      items.push({ title: t("pimOpenUser"), onClick: () => navigate(`/${encodeURIComponent(realm)}/users/${encodeURIComponent(row.principalId)}/settings`) });
    }
    if (canManageUsers && row.eligibility && tab !== "expired") {
      items.push({ title: t("pimRemove"), onClick: () => confirmRemove(row) });
    }
    if (canManageUsers && row.request && (row.request.status === "ACTIVE" || row.request.status === "SCHEDULED")) {
      items.push({ title: t("pimRevoke"), onClick: () => confirmRevoke(row) });
    }
    return items;
  };

  return (
    <>
      <PageHeader title={t("pimAssignments")} description={t("pimAssignmentsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs
          activeKey={tab}
          onSelect={(_e, key) => navigate(`/${encodeURIComponent(realm)}/pim/assignments/${key}`)}
          aria-label={t("pimAssignments")}
          inset={{ default: "insetLg" }}
        >
          {TABS.map((key) => (
            <Tab key={key} eventKey={key} title={<TabTitleText>{t(`pimTab_${key}`)}</TabTitleText>} data-testid={`pim-tab-${key}`} />
          ))}
        </Tabs>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput
                aria-label={t("pimSearchMembers")}
                placeholder={t("pimSearchMembers")}
                value={search}
                onChange={(_e, v) => setSearch(v)}
                onClear={() => setSearch("")}
                data-testid="pim-search"
              />
            </ToolbarItem>
            {canManageUsers && (
              <ToolbarItem>
                <Button data-testid="pim-add-assignments" onClick={() => navigate(`/${encodeURIComponent(realm)}/pim/assignments/add`)}>
                  {t("pimAddAssignments")}
                </Button>
              </ToolbarItem>
            )}
            {exports.map((item) => (
              <ToolbarItem key={item.file}>
                <Button variant="secondary" onClick={() => void runExport(item)} data-testid={`pim-export-${item.file}`}>
                  {item.label}
                </Button>
              </ToolbarItem>
            ))}
            {loaded.loading && (
              <ToolbarItem>
                <Spinner size="md" aria-label={t("pimLoading")} />
              </ToolbarItem>
            )}
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={loaded.error} />
          {truncated && <LoadError error={t("pimTruncated", { max: MAX })} />}
          {loaded.data && groups.length === 0 ? (
            <NoRows title={t(search ? "pimNoSearchResults" : `pimNoAssignments_${tab}`)} />
          ) : (
            <Table aria-label={t(`pimTab_${tab}`)} variant="compact" data-testid={`pim-table-${tab}`}>
              <Thead>
                <Tr>
                  <Th>{t("pimName")}</Th>
                  <Th>{t("pimUsername")}</Th>
                  <Th>{t("pimType")}</Th>
                  <Th>{t("pimVia")}</Th>
                  <Th>{t("pimStart")}</Th>
                  <Th>{t("pimEnd")}</Th>
                  <Th>{t("pimCreatedBy")}</Th>
                  <Th screenReaderText={t("pimActions")} />
                </Tr>
              </Thead>
              {groups.map((group) => (
                <Tbody key={group.key} data-testid="pim-role-group">
                  <Tr className="pim-group-row">
                    <Td colSpan={8}>
                      <RoleName role={group.rows[0].role} />{" "}
                      <Label isCompact variant="outline">
                        {group.rows.length}
                      </Label>
                    </Td>
                  </Tr>
                  {group.rows.map((row) => (
                    <Tr key={row.key} data-testid="pim-row">
                      <Td dataLabel={t("pimName")}>{displayName(row)}</Td>
                      <Td dataLabel={t("pimUsername")} data-testid="pim-row-username">
                        {row.principalType === "USER" ? row.username : ""}
                      </Td>
                      <Td dataLabel={t("pimType")}>{t(row.principalType === "USER" ? "pimTypeUser" : "pimTypeGroup")}</Td>
                      <Td dataLabel={t("pimVia")}>{row.via ?? t(row.request?.kind === "ASSIGNMENT" ? "pimViaAssignment" : "pimViaDirect")}</Td>
                      <Td dataLabel={t("pimStart")}>{formatTime(row.startsAt ?? row.eligibility?.createdAt, locale)}</Td>
                      <Td dataLabel={t("pimEnd")}>
                        {row.endsAt === null ? t("pimPermanent") : formatTime(row.endsAt, locale)}
                        {row.request && (
                          <Fragment>
                            {" "}
                            <StatusLabel status={row.request.status} />
                          </Fragment>
                        )}
                      </Td>
                      <Td dataLabel={t("pimCreatedBy")}>
                        {row.createdBy && <UserLabel id={row.createdBy} username={names[row.createdBy]?.username} />}
                      </Td>
                      <Td isActionCell>
                        <ActionsColumn items={actions(row)} popperProps={{ position: "right" }} actionsToggle={undefined} />
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              ))}
            </Table>
          )}
        </div>
      </PageSection>
      {removeDialog}
      {revokeDialog}
    </>
  );
}
