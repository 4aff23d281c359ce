import { Page, useAccountAlerts } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  AlertActionLink,
  AlertVariant,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  FormSelect,
  FormSelectOption,
  Label,
  List,
  ListItem,
  Modal,
  ModalVariant,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { AngleLeftIcon, AngleRightIcon } from "@patternfly/react-icons";
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  cancel,
  getMyRequest,
  getMyRequests,
  REQUEST_STATUSES,
  roleLabel,
  type PimContext,
  type PimRequest,
  type RequestStatus,
} from "./api";
import { Empty } from "./components";
import { EndingSoonNotice } from "./EndingSoon";
import { errorCode, errorDescription, errorMessageKey } from "./errors";
import { formatDuration, formatTime, heldSeconds } from "./format";
import { useLocale, usePimContext } from "./hooks";
import { StatusLabel } from "./StatusLabel";

const PAGE_SIZE = 20;
const CANCELLABLE: RequestStatus[] = ["PENDING_APPROVAL", "SCHEDULED"];
/** Statuses whose time window is decided (a pending, denied or withdrawn request never started). */
const HAS_WINDOW: RequestStatus[] = ["SCHEDULED", "ACTIVE", "EXPIRED", "DEACTIVATED", "REVOKED"];

/**
 * The elevations the EXTENSION rows extend, by id: taken from the rows themselves where the page has
 * them, else asked for one by one (GET /me/requests/{id}); a failed lookup leaves the id out.
 */
async function extendedElevations(context: PimContext, rows: PimRequest[], signal: AbortSignal) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = [...new Set(rows.flatMap((r) => (r.kind === "EXTENSION" && r.extends && !byId.has(r.extends) ? [r.extends] : [])))];
  const fetched = await Promise.all(missing.map((id) => getMyRequest(context, id, signal).catch(() => undefined)));
  for (const request of fetched) if (request) byId.set(request.id, request);
  return byId;
}

/** What an EXTENSION extends: the elevation's window (as it stands now: an applied extension moved its end). */
const ExtendsCell = ({ elevation }: { elevation: PimRequest | undefined }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!elevation) return <>{t("pimExtendsUnknown")}</>;
  return (
    <span data-testid="pim-extends">
      {t(elevation.status === "ACTIVE" ? "pimExtendsActive" : "pimExtendsEnded", {
        from: formatTime(elevation.startsAt, locale),
        to: formatTime(elevation.endedAt ?? elevation.endsAt, locale),
      })}
    </span>
  );
};

/** Details of one request: what was asked, who decided what, how it ended. */
export const RequestDetails = ({ request }: { request: PimRequest }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: "14ch" }}>
      <DescriptionListGroup>
        <DescriptionListTerm>{t("pimJustification")}</DescriptionListTerm>
        <DescriptionListDescription className="pim-pre-wrap">
          {request.justification || t("pimNone")}
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t("pimTicket")}</DescriptionListTerm>
        <DescriptionListDescription>{request.ticket || t("pimNone")}</DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>{t("pimKind")}</DescriptionListTerm>
        <DescriptionListDescription>{t(`pimKind_${request.kind}`)}</DescriptionListDescription>
      </DescriptionListGroup>
      {request.kind === "EXTENSION" && request.extends && (
        <DescriptionListGroup>
          <DescriptionListTerm>{t("pimExtendsRequest")}</DescriptionListTerm>
          <DescriptionListDescription>
            <code>{request.extends}</code>
          </DescriptionListDescription>
        </DescriptionListGroup>
      )}
      <DescriptionListGroup>
        <DescriptionListTerm>{t("pimDecisions")}</DescriptionListTerm>
        <DescriptionListDescription>
          {request.decisions?.length ? (
            <List isPlain data-testid="pim-decisions">
              {request.decisions.map((decision, index) => (
                <ListItem key={index}>
                  {t(decision.decision === "APPROVE" ? "pimDecisionApproved" : "pimDecisionDenied", {
                    approver: decision.approver?.username ?? "",
                    time: formatTime(decision.at, locale),
                  })}
                  {decision.reason && <span className="pim-pre-wrap">{` — ${decision.reason}`}</span>}
                </ListItem>
              ))}
            </List>
          ) : (
            t("pimNoDecisions")
          )}
        </DescriptionListDescription>
      </DescriptionListGroup>
      {request.endedAt && (
        <DescriptionListGroup>
          <DescriptionListTerm>{t("pimEnded")}</DescriptionListTerm>
          <DescriptionListDescription>
            {formatTime(request.endedAt, locale)}
            {request.endReason && ` — ${request.endReason}`}
          </DescriptionListDescription>
        </DescriptionListGroup>
      )}
      <DescriptionListGroup>
        <DescriptionListTerm>{t("pimRequestId")}</DescriptionListTerm>
        <DescriptionListDescription>
          <code>{request.id}</code>
        </DescriptionListDescription>
      </DescriptionListGroup>
    </DescriptionList>
  );
};

export default function Requests() {
  const { t } = useTranslation();
  const context = usePimContext();
  const locale = useLocale();
  const { addAlert } = useAccountAlerts();

  const [status, setStatus] = useState<RequestStatus | "">("");
  const [first, setFirst] = useState(0);
  const [rows, setRows] = useState<PimRequest[]>();
  const [elevations, setElevations] = useState<Map<string, PimRequest>>(new Map());
  const [hasMore, setHasMore] = useState(false);
  const [loadError, setLoadError] = useState<unknown>();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [generation, setGeneration] = useState(0);
  const [cancelling, setCancelling] = useState<PimRequest>();
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setRows(undefined);
    getMyRequests(context, { status: status || undefined, first, max: PAGE_SIZE + 1 }, controller.signal)
      .then(async (result) => {
        const page = result.slice(0, PAGE_SIZE);
        setHasMore(result.length > PAGE_SIZE);
        setRows(page);
        setLoadError(undefined);
        setElevations(await extendedElevations(context, page, controller.signal));
      })
      .catch((error) => {
        if (!controller.signal.aborted) setLoadError(error);
      });
    return () => controller.abort();
  }, [context, status, first, generation]);

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onCancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    try {
      await cancel(context, cancelling.id);
      addAlert(
        t(cancelling.kind === "EXTENSION" ? "pimExtensionCancelled" : "pimCancelled", { role: roleLabel(cancelling.role) }),
        AlertVariant.success,
      );
    } catch (error) {
      const code = errorCode(error);
      addAlert(t(errorMessageKey(code), { code, description: errorDescription(error) }), AlertVariant.danger);
    } finally {
      setBusy(false);
      setCancelling(undefined);
      refresh();
    }
  };

  const columns = 7;

  return (
    <Page title={t("pimRequests")} description={t("pimRequestsDescription")}>
      <EndingSoonNotice />
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <FormSelect
              id="pim-status-filter"
              aria-label={t("pimFilterByStatus")}
              value={status}
              onChange={(_event, value) => {
                setFirst(0);
                setStatus(value as RequestStatus | "");
              }}
            >
              <FormSelectOption value="" label={t("pimAllStatuses")} />
              {REQUEST_STATUSES.map((s) => (
                <FormSelectOption key={s} value={s} label={t(`pimStatus_${s}`)} />
              ))}
            </FormSelect>
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            <Button
              variant="plain"
              aria-label={t("pimPreviousPage")}
              isDisabled={first === 0}
              onClick={() => setFirst(Math.max(0, first - PAGE_SIZE))}
            >
              <AngleLeftIcon />
            </Button>
            <span className="pf-v5-u-mx-sm" aria-live="polite">
              {rows && rows.length > 0
                ? t("pimPageRange", { from: first + 1, to: first + rows.length })
                : ""}
            </span>
            <Button
              variant="plain"
              aria-label={t("pimNextPage")}
              isDisabled={!hasMore}
              onClick={() => setFirst(first + PAGE_SIZE)}
            >
              <AngleRightIcon />
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>

      {loadError !== undefined && (
        <Alert
          variant={AlertVariant.danger}
          isInline
          title={t(errorMessageKey(errorCode(loadError)), {
            code: errorCode(loadError),
            description: errorDescription(loadError),
          })}
          actionLinks={<AlertActionLink onClick={refresh}>{t("pimRetry")}</AlertActionLink>}
        />
      )}
      {!rows && loadError === undefined && <Spinner size="lg" aria-label={t("pimLoading")} />}
      {rows && rows.length === 0 && <Empty testId="pim-no-requests" title={t("pimNoRequests")} />}
      {rows && rows.length > 0 && (
        <Table aria-label={t("pimRequests")} data-testid="pim-requests-table">
          <Thead>
            <Tr>
              <Th screenReaderText={t("pimShowDetails")} />
              <Th modifier="wrap">{t("pimRole")}</Th>
              <Th modifier="wrap">{t("pimStatus")}</Th>
              <Th modifier="wrap">{t("pimRequested")}</Th>
              <Th modifier="wrap">{t("pimWindow")}</Th>
              <Th modifier="wrap">{t("pimDuration")}</Th>
              <Th screenReaderText={t("pimActions")} />
            </Tr>
          </Thead>
          {rows.map((request, rowIndex) => {
            const isExpanded = expanded.has(request.id);
            return (
              <Tbody key={request.id} isExpanded={isExpanded} data-testid={`pim-request-${request.id}`}>
                <Tr>
                  <Td
                    expand={{
                      rowIndex,
                      isExpanded,
                      onToggle: () => toggle(request.id),
                      expandId: `pim-request-expand-${request.id}`,
                    }}
                  />
                  <Td dataLabel={t("pimRole")}>
                    {roleLabel(request.role)}
                    {request.kind === "EXTENSION" && (
                      <Label isCompact color="purple" className="pf-v5-u-ml-sm" data-testid="pim-kind-extension">
                        {t("pimKindShort_EXTENSION")}
                      </Label>
                    )}
                  </Td>
                  <Td dataLabel={t("pimStatus")}>
                    <StatusLabel status={request.status} />
                  </Td>
                  <Td dataLabel={t("pimRequested")}>{formatTime(request.requestedAt, locale)}</Td>
                  <Td dataLabel={t("pimWindow")}>
                    {request.kind === "EXTENSION" ? (
                      <ExtendsCell elevation={request.extends ? elevations.get(request.extends) : undefined} />
                    ) : HAS_WINDOW.includes(request.status)
                      ? t("pimWindowRange", {
                          from: formatTime(request.startsAt, locale),
                          to: formatTime(request.endedAt ?? request.endsAt, locale),
                        })
                      : t("pimNoWindow")}
                  </Td>
                  <Td dataLabel={t("pimDuration")} modifier="nowrap">
                    {heldSeconds(request) === null
                      ? formatDuration(request.durationSeconds, t)
                      : t("pimDurationRequestedHeld", {
                          requested: formatDuration(request.durationSeconds, t),
                          held: formatDuration(heldSeconds(request) ?? 0, t),
                        })}
                  </Td>
                  <Td isActionCell>
                    {CANCELLABLE.includes(request.status) && (
                      <Button
                        variant="secondary"
                        data-testid="pim-cancel"
                        aria-label={t(request.kind === "EXTENSION" ? "pimCancelExtensionOf" : "pimCancelRequestOf", {
                          role: roleLabel(request.role),
                        })}
                        onClick={() => setCancelling(request)}
                      >
                        {t("pimCancelRequest")}
                      </Button>
                    )}
                  </Td>
                </Tr>
                <Tr isExpanded={isExpanded}>
                  <Td colSpan={columns}>
                    <ExpandableRowContent>
                      <RequestDetails request={request} />
                    </ExpandableRowContent>
                  </Td>
                </Tr>
              </Tbody>
            );
          })}
        </Table>
      )}

      <Modal
        variant={ModalVariant.small}
        title={
          cancelling
            ? t(cancelling.kind === "EXTENSION" ? "pimCancelExtensionTitle" : "pimCancelTitle", {
                role: roleLabel(cancelling.role),
              })
            : ""
        }
        isOpen={!!cancelling}
        onClose={() => setCancelling(undefined)}
        actions={[
          <Button
            key="confirm"
            variant="danger"
            data-testid="pim-confirm-cancel"
            isLoading={busy}
            isDisabled={busy}
            onClick={onCancel}
          >
            {t("pimCancelRequest")}
          </Button>,
          <Button key="back" variant="link" onClick={() => setCancelling(undefined)}>
            {t("pimKeepRequest")}
          </Button>,
        ]}
      >
        {t(cancelling?.kind === "EXTENSION" ? "pimCancelExtensionConfirm" : "pimCancelConfirm")}
      </Modal>
    </Page>
  );
}
