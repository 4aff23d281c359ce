import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, PageSection, TextInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_ACTIONS } from "./api";
import { errorText, LoadError, NoRows, PageHeader, ServerPagination } from "./components";
import { download, formatTime, fromLocalInput } from "./format";
import { useLoad, useLocale, usePimApi, useUserNames } from "./hooks";
import { MemberPicker, type Member } from "./pickers";
import { StatusSelect } from "./StatusSelect";

const PAGE = 50;

/** The PIM audit, newest first, filtered by user, action and time range on the server (the export too). */
export default function Audit() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = usePimApi();
  const { addAlert } = useAlerts();
  const [user, setUser] = useState<Member[]>([]);
  const [action, setAction] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [first, setFirst] = useState(0);
  const userId = user[0]?.id;
  const fromMillis = fromLocalInput(from) ?? undefined;
  const toMillis = fromLocalInput(to) ?? undefined;
  const filters = { userId, action: action || undefined, from: fromMillis, to: toMillis };
  const entries = useLoad(
    (signal) => api.audit({ ...filters, first, max: PAGE + 1 }, signal),
    [api, userId, action, fromMillis, toMillis, first],
  );
  const rows = (entries.data ?? []).slice(0, PAGE);
  const names = useUserNames(rows.map((r) => r.userId));

  const exportCsv = async () => {
    try {
      download("pim-audit.csv", await api.csv("/audit", { ...filters, max: 1000 }));
    } catch (e) {
      addAlert(t("pimExportFailed"), AlertVariant.danger, errorText(e));
    }
  };

  return (
    <>
      <PageHeader title={t("pimAudit")} description={t("pimAuditHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem style={{ minWidth: "16rem" }}>
              <MemberPicker members={user} allowGroups={false} onChange={(m) => { setUser(m.slice(-1)); setFirst(0); }} testId="pim-audit-user" closeOnPick />
            </ToolbarItem>
            <ToolbarItem>
              <StatusSelect value={action} options={AUDIT_ACTIONS} label={t("pimAction")} render={(a) => a} onChange={(a) => { setAction(a); setFirst(0); }} testId="pim-audit-action" />
            </ToolbarItem>
            <ToolbarItem>
              <TextInput type="datetime-local" aria-label={t("pimFrom")} value={from} onChange={(_e, v) => { setFrom(v); setFirst(0); }} data-testid="pim-audit-from" />
            </ToolbarItem>
            <ToolbarItem>
              <TextInput type="datetime-local" aria-label={t("pimTo")} value={to} onChange={(_e, v) => { setTo(v); setFirst(0); }} data-testid="pim-audit-to" />
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" onClick={() => void exportCsv()} data-testid="pim-audit-export">{t("pimExport")}</Button>
            </ToolbarItem>
            <ToolbarItem variant="pagination">
              <ServerPagination perPage={PAGE} first={first} loaded={entries.data?.length ?? 0} shown={rows.length} onFirst={setFirst} />
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={entries.error} />
          {entries.data && rows.length === 0 ? (
            <NoRows title={t("pimNoAudit")} />
          ) : (
            <Table aria-label={t("pimAudit")} variant="compact" data-testid="pim-audit">
              <Thead>
                <Tr>
                  <Th>{t("pimTime")}</Th>
                  <Th>{t("pimActor")}</Th>
                  <Th>{t("pimAction")}</Th>
                  <Th>{t("pimUsername")}</Th>
                  <Th width={50}>{t("pimDetails")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((e) => (
                  <Tr key={e.seq} data-testid="pim-audit-row">
                    <Td dataLabel={t("pimTime")}>{formatTime(e.at, locale)}</Td>
                    <Td dataLabel={t("pimActor")}>{e.actor?.username ?? ""}</Td>
                    <Td dataLabel={t("pimAction")} data-testid="pim-audit-action-cell">{e.action}</Td>
                    <Td dataLabel={t("pimUsername")}>{e.userId ? names[e.userId]?.username ?? "" : ""}</Td>
                    <Td dataLabel={t("pimDetails")} modifier="breakWord" className="pim-break-all pf-v5-u-font-size-sm">{e.details ? Object.entries(e.details).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("; ") : ""}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </div>
      </PageSection>
    </>
  );
}
