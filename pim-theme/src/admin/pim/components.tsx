import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  Alert,
  AlertVariant,
  Button,
  ButtonVariant,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalVariant,
  PageSection,
  Pagination,
  Text,
  TextArea,
  TextContent,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { SearchIcon } from "@patternfly/react-icons";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDuration } from "./format";
import { PimError, roleLabel, type PimRequest, type RequestStatus, type Role } from "./api";

/** The heading band of a page, as Keycloak's ViewHeader draws it. */
export const PageHeader = ({ title, description, children }: { title: string; description?: string; children?: ReactNode }) => (
  <PageSection variant="light" className="pf-v5-u-pb-md">
    <TextContent>
      <Title headingLevel="h1" data-testid="pim-page-title">
        {title}
      </Title>
      {description && <Text>{description}</Text>}
    </TextContent>
    {children}
  </PageSection>
);

/**
 * A whole-number field. Emptying it is part of typing a new number: a required field is then NaN
 * (shown empty and as an error, and Save waits), an optional one null (the policy's "unlimited").
 */
export const NumberField = ({ id, label, value, onChange, isDisabled, min, max, help, required = false, error }: {
  id: string; label: string; value: number | null; onChange: (v: number | null) => void; isDisabled: boolean; min?: number; max?: number; help?: string; required?: boolean;
  /** The server's words about this field (its last answer). */
  error?: string;
}) => {
  const { t } = useTranslation();
  const missing = required && (value === null || Number.isNaN(value));
  const problem = missing ? t("pimNumberRequired") : error;
  return (
    <FormGroup label={label} fieldId={id} isRequired={required}>
      <TextInput id={id} type="number" value={value === null || Number.isNaN(value) ? "" : value} min={min} max={max} isDisabled={isDisabled}
        validated={problem ? "error" : "default"}
        onChange={(_e, v) => onChange(v === "" ? (required ? Number.NaN : null) : Number(v))} data-testid={id} />
      {(help || problem) && (
        <FormHelperText>
          <HelperText>
            {problem ? <HelperTextItem variant="error" data-testid={`${id}-error`}>{problem}</HelperTextItem> : <HelperTextItem>{help}</HelperTextItem>}
          </HelperText>
        </FormHelperText>
      )}
    </FormGroup>
  );
};

/**
 * Paging of a list endpoint that has no total: the page loads one row more than it shows, so
 * "next" is offered exactly when that row came; the toggle says which rows are shown.
 */
export const ServerPagination = ({ perPage, first, loaded, shown, onFirst }: {
  perPage: number; first: number;
  /** Rows the last call returned (up to perPage + 1). */
  loaded: number;
  shown: number;
  onFirst: (first: number) => void;
}) => (
  <Pagination perPage={perPage} page={first / perPage + 1} itemCount={first + loaded} onSetPage={(_e, page) => onFirst((page - 1) * perPage)}
    isCompact perPageOptions={[]} toggleTemplate={() => <>{shown === 0 ? 0 : first + 1} - {first + shown}</>} />
);

export function errorText(error: unknown): string {
  if (error instanceof PimError) return error.description ?? error.code;
  if (error instanceof Error) return error.message;
  return String(error);
}

export const LoadError = ({ error }: { error: unknown }) => {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert variant={AlertVariant.danger} isInline title={t("pimLoadFailed")} data-testid="pim-load-error" className="pf-v5-u-mb-md">
      {errorText(error)}
    </Alert>
  );
};

export const NoRows = ({ title, body, testId = "pim-empty" }: { title: string; body?: string; testId?: string }) => (
  <EmptyState variant="sm" data-testid={testId}>
    <EmptyStateHeader titleText={title} headingLevel="h2" icon={<EmptyStateIcon icon={SearchIcon} />} />
    {body && <EmptyStateBody>{body}</EmptyStateBody>}
  </EmptyState>
);

export const RoleName = ({ role }: { role: Role }) => (
  <span data-testid="pim-role">
    {role.clientId && (
      <Label isCompact color="blue" className="pf-v5-u-mr-xs">
        {role.clientId}
      </Label>
    )}
    {role.name}
  </span>
);

export { roleLabel };

/** A user named by id: the username when the admin can look it up, otherwise a short form of the id (the full id on hover). */
export const UserLabel = ({ id, username }: { id: string; username: string | undefined }) => {
  const { t } = useTranslation();
  if (username && username !== id) return <>{username}</>;
  return (
    <span title={id} data-testid="pim-unresolved-user">
      {t("pimUnresolvedUser", { id: id.slice(0, 8) })}
    </span>
  );
};

const STATUS_COLORS: Record<RequestStatus, "green" | "blue" | "cyan" | "orange" | "grey" | "red" | "gold"> = {
  PENDING_APPROVAL: "gold",
  SCHEDULED: "blue",
  ACTIVE: "green",
  EXPIRED: "grey",
  DEACTIVATED: "grey",
  REVOKED: "red",
  DENIED: "red",
  CANCELLED: "grey",
  REQUEST_EXPIRED: "orange",
  APPLIED: "cyan",
};

export const StatusLabel = ({ status }: { status: RequestStatus }) => {
  const { t } = useTranslation();
  return (
    <Label color={STATUS_COLORS[status]} isCompact data-testid="pim-status">
      {t(`pimStatus_${status}`)}
    </Label>
  );
};

/**
 * What kind of request a row is, under its role, where it is not the usual activation: an admin's
 * assignment, or an extension (with the request it extends, by the start of its id; the whole id on hover).
 */
export const RequestKindNote = ({ request }: { request: Pick<PimRequest, "kind" | "extends" | "durationSeconds"> }) => {
  const { t } = useTranslation();
  if (request.kind === "ASSIGNMENT") return <div className="pf-v5-u-font-size-sm">{t("pimViaAssignment")}</div>;
  if (request.kind !== "EXTENSION") return null;
  return (
    <div className="pf-v5-u-font-size-sm" data-testid="pim-kind-extension" title={request.extends ?? undefined}>
      {request.extends ? t("pimKindExtensionOf", { id: request.extends.slice(0, 8), duration: formatDuration(request.durationSeconds, t) }) : t("pimKind_EXTENSION")}
    </div>
  );
};

type ConfirmedActionOptions<T, R> = {
  title: string;
  message: (item: T) => ReactNode;
  confirmLabel: string;
  /** Asks for a reason (required) and passes it to run. */
  reasonLabel?: string;
  /** More of the form, above the reason (e.g. a date the page keeps in its state). */
  fields?: (item: T) => ReactNode;
  /** Whether those fields are complete (the confirm button waits otherwise). */
  canConfirm?: boolean;
  /** Danger (the default) for what takes something away; primary for an approval. */
  confirmVariant?: ButtonVariant.danger | ButtonVariant.primary;
  run: (item: T, reason: string) => Promise<R>;
  success: (item: T, result: R) => string;
  onDone?: () => void;
};

/**
 * The one confirmed-action hook of the pages: a confirmation modal (with a reason when asked), the
 * call, the API's error inside the modal, a success alert and a reload afterwards.
 */
export function useConfirmedAction<T, R = unknown>(options: ConfirmedActionOptions<T, R>): [(item: T) => void, ReactNode] {
  const { t } = useTranslation();
  const { addAlert } = useAlerts();
  const [item, setItem] = useState<T>();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setItem(undefined);
    setReason("");
    setError(undefined);
  };
  const confirm = async () => {
    if (item === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await options.run(item, reason.trim());
      addAlert(options.success(item, result), AlertVariant.success);
      close();
      options.onDone?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const missingReason = !!options.reasonLabel && reason.trim() === "";
  const dialog =
    item === undefined ? null : (
      <Modal
        variant={ModalVariant.small}
        title={options.title}
        titleIconVariant={options.confirmVariant === ButtonVariant.primary ? undefined : "warning"}
        isOpen
        onClose={close}
        data-testid="pim-confirm"
        actions={[
          <Button
            key="confirm"
            variant={options.confirmVariant ?? ButtonVariant.danger}
            onClick={() => void confirm()}
            isDisabled={busy || missingReason || options.canConfirm === false}
            isLoading={busy}
            data-testid="pim-confirm-button"
          >
            {options.confirmLabel}
          </Button>,
          <Button key="cancel" variant={ButtonVariant.link} onClick={close}>
            {t("cancel")}
          </Button>,
        ]}
      >
        <Text>{options.message(item)}</Text>
        {(options.fields || options.reasonLabel) && (
          <Form className="pf-v5-u-mt-md" onSubmit={(e) => e.preventDefault()}>
            {options.fields?.(item)}
            {options.reasonLabel && (
              <FormGroup label={options.reasonLabel} isRequired fieldId="pim-reason">
                <TextArea id="pim-reason" data-testid="pim-reason" value={reason} onChange={(_e, v) => setReason(v)} autoResize />
              </FormGroup>
            )}
          </Form>
        )}
        {error && (
          <Alert variant={AlertVariant.danger} isInline title={error} className="pf-v5-u-mt-md" data-testid="pim-confirm-error" />
        )}
      </Modal>
    );
  return [setItem as (item: T) => void, dialog];
}
