import { useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Badge, Button, Card, CardBody, CardHeader, CardTitle, FormGroup, FormHelperText, HelperText, HelperTextItem, Label, PageSection, Text, TextInput, Toolbar, ToolbarContent, ToolbarItem,
} from "@patternfly/react-core";
import { SyncAltIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { type AlertItem, type AlertSeverity, type PimAlert, type RemedyResult } from "./api";
import { LoadError, NoRows, PageHeader, useConfirmedAction } from "./components";
import { formatTime, fromLocalInput } from "./format";
import { useLoad, useLocale, usePimApi, usePimPermissions } from "./hooks";

const SEVERITY_COLORS: Record<AlertSeverity, "red" | "orange" | "blue"> = { HIGH: "red", MEDIUM: "orange", LOW: "blue" };
/** Items shown before "Show all": an alert may list up to 1,000. */
const FIRST_ITEMS = 10;

type Finding = AlertItem & { userId: string; username: string };

const isRemediable = (alert: PimAlert, item: AlertItem): item is Finding =>
  alert.type === "STANDING_ACCESS" && item.via === "DIRECT" && !!item.userId;

/**
 * The realm's alerts (GET /alerts, evaluated on each load), most severe first: what each means and
 * its findings. A direct standing grant can be remediated (manage-users, as the API asks): the mapping
 * goes and a permanent eligibility takes its place. A grant through a group or a composite role is
 * removed where it is, so those rows say so instead of offering a button.
 */
export default function Alerts() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = usePimApi();
  const { canManageUsers } = usePimPermissions();
  const alerts = useLoad((signal) => api.alerts(signal), [api]);
  // The eligibility's end (empty: permanent); a policy with a longest eligibility or without permanent eligibility needs one.
  const [remedyEnd, setRemedyEnd] = useState("");

  const [confirmRemedy, remedyDialog] = useConfirmedAction<Finding, RemedyResult>({
    title: t("pimRemediateTitle"),
    message: (i) => t("pimRemediateMessage", { user: i.username, role: i.role }),
    confirmLabel: t("pimRemediate"),
    reasonLabel: t("pimJustification"),
    fields: () => (
      <FormGroup label={t("pimRemedyEnd")} fieldId="pim-remedy-ends-at">
        <TextInput id="pim-remedy-ends-at" type="datetime-local" value={remedyEnd} onChange={(_e, v) => setRemedyEnd(v)} data-testid="pim-remedy-ends-at" />
        <FormHelperText><HelperText><HelperTextItem>{t("pimRemedyEndHelp")}</HelperTextItem></HelperText></FormHelperText>
      </FormGroup>
    ),
    run: (i, justification) =>
      api.remediateStandingAccess({ userId: i.userId, roleId: i.roleId, justification, endsAt: fromLocalInput(remedyEnd) ?? undefined }),
    success: (i, result) => t(result.eligibilityCreated ? "pimRemediatedCreated" : "pimRemediatedKept", { user: i.username, role: i.role }),
    onDone: alerts.reload,
  });

  return (
    <>
      <PageHeader title={t("pimAlerts")} description={t("pimAlertsHelp")} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <Button variant="secondary" icon={<SyncAltIcon />} onClick={alerts.reload} isLoading={alerts.loading} data-testid="pim-alerts-refresh">
                {t("pimRefresh")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <div className="pf-v5-u-px-lg pf-v5-u-pb-lg">
          <LoadError error={alerts.error} />
          {alerts.data && alerts.data.length === 0 && <NoRows title={t("pimNoAlerts")} body={t("pimNoAlertsBody")} testId="pim-no-alerts" />}
          {(alerts.data ?? []).map((alert) => (
            <AlertCard key={alert.type} alert={alert} locale={locale} canRemediate={canManageUsers} onRemediate={(item) => { setRemedyEnd(""); confirmRemedy(item); }} />
          ))}
        </div>
      </PageSection>
      {remedyDialog}
    </>
  );
}

const AlertCard = ({ alert, locale, canRemediate, onRemediate }: {
  alert: PimAlert; locale: string; canRemediate: boolean; onRemediate: (item: Finding) => void;
}) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const [showAll, setShowAll] = useState(false);
  const items = showAll ? alert.items : alert.items.slice(0, FIRST_ITEMS);
  const withUsers = alert.items.some((i) => i.userId);
  const standing = alert.type === "STANDING_ACCESS";
  return (
    <Card isFlat className="pf-v5-u-mb-lg" data-testid={`pim-alert-${alert.type}`} id={`pim-alert-${alert.type}`}>
      <CardHeader>
        <CardTitle component="h2">
          <Label color={SEVERITY_COLORS[alert.severity]} className="pf-v5-u-mr-sm" data-testid="pim-alert-severity">
            {t(`pimSeverity_${alert.severity}`)}
          </Label>
          {/* The server's title is English; a known type has its title in the console's language. */}
          <span data-testid="pim-alert-title">{t(`pimAlertTitle_${alert.type}`, { defaultValue: alert.title })}</span>
          <Badge isRead className="pf-v5-u-ml-sm" data-testid="pim-alert-count" screenReaderText={t("pimAlertFindings")}>
            {alert.count}
          </Badge>
        </CardTitle>
      </CardHeader>
      <CardBody>
        <Text className="pf-v5-u-mb-md" data-testid="pim-alert-description">{alert.description}</Text>
        <Table aria-label={alert.title} variant="compact" data-testid="pim-alert-items">
          <Thead>
            <Tr>
              {withUsers && <Th>{t("pimUsername")}</Th>}
              <Th>{t("pimRole")}</Th>
              <Th>{t("pimAlertDetail")}</Th>
              <Th>{t("pimLastEvaluated")}</Th>
              {standing && <Th screenReaderText={t("pimActions")} />}
            </Tr>
          </Thead>
          <Tbody>
            {items.map((item) => (
              <Tr key={`${item.userId}-${item.roleId}-${item.detail}`} data-testid="pim-alert-item">
                {withUsers && (
                  <Td dataLabel={t("pimUsername")}>
                    {item.userId ? <Link to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(item.userId)}/settings`}>{item.username ?? item.userId}</Link> : "—"}
                  </Td>
                )}
                <Td dataLabel={t("pimRole")}>{item.role}</Td>
                <Td dataLabel={t("pimAlertDetail")} modifier="wrap" className="pim-pre-wrap">{item.detail}</Td>
                <Td dataLabel={t("pimLastEvaluated")}>{formatTime(alert.lastEvaluatedAt, locale)}</Td>
                {standing && (
                  <Td dataLabel={t("pimActions")} modifier="wrap">
                    {isRemediable(alert, item) ? (
                      canRemediate && (
                        <Button variant="secondary" size="sm" onClick={() => onRemediate(item)} data-testid="pim-remediate">
                          {t("pimRemediate")}
                        </Button>
                      )
                    ) : (
                      <div className="pf-v5-u-font-size-sm pim-pre-wrap" data-testid="pim-remove-where-granted">{t("pimRemoveWhereGranted")}</div>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
        {alert.items.length > FIRST_ITEMS && (
          <Button variant="link" isInline className="pf-v5-u-mt-sm" onClick={() => setShowAll((s) => !s)} data-testid="pim-alert-show-all">
            {showAll ? t("pimShowFewer") : t("pimShowAll", { count: alert.items.length })}
          </Button>
        )}
        {alert.count > alert.items.length && <Text className="pf-v5-u-font-size-sm pf-v5-u-mt-sm">{t("pimAlertMore", { shown: alert.items.length, count: alert.count })}</Text>}
      </CardBody>
    </Card>
  );
};
