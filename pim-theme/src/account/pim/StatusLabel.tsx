import { Label, type LabelProps } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import type { RequestStatus } from "./api";

const COLORS: Record<RequestStatus, LabelProps["color"]> = {
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
    <Label color={COLORS[status] ?? "grey"} data-testid="pim-status" data-status={status}>
      {t(`pimStatus_${status}`)}
    </Label>
  );
};
