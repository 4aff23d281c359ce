import { Alert, AlertActionLink, AlertVariant, Stack, StackItem } from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { consolePath } from "../environment";
import { getMyElevations, getReminderMinutes, roleLabel, type EligibleRole, type MyElevations, type PimRequest } from "./api";
import { endingSoon, extensionBasis, pendingExtensionOf } from "./elevations";
import { formatCountdown, formatTime } from "./format";
import { useLocale, useNow, usePimContext } from "./hooks";

type Props = {
  elevations: MyElevations | undefined;
  /** The realm's elevationEndingReminderMinutes; 0 or undefined: no banner. */
  reminderMinutes: number | undefined;
  onExtend: (request: PimRequest, entry: EligibleRole) => void;
};

/**
 * A warning for each ACTIVE elevation that ends within the realm's reminder time, with its end and
 * an Extend action where extending is allowed (or the extension that already waits for approval).
 * Re-evaluated every second, so a banner appears when the countdown enters the window.
 */
export const EndingSoonBanners = ({ elevations, reminderMinutes, onExtend }: Props) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const soon = endingSoon(elevations?.active, now, reminderMinutes);
  if (!elevations || soon.length === 0) return null;
  return (
    <Stack hasGutter className="pf-v5-u-mb-md" data-testid="pim-ending-soon">
      {soon.map((request) => {
        const role = roleLabel(request.role);
        const basis = extensionBasis(request, elevations.eligible);
        const waiting = pendingExtensionOf(request.id, elevations.pending);
        return (
          <StackItem key={request.id}>
            <Alert
              variant={AlertVariant.warning}
              isInline
              title={t("pimEndingSoonTitle", { role, time: formatTime(request.endsAt, locale) })}
              data-testid={`pim-ending-soon-${role}`}
              actionLinks={
                basis && !waiting ? (
                  <AlertActionLink data-testid="pim-ending-soon-extend" onClick={() => onExtend(request, basis)}>
                    {t("pimExtend")}
                  </AlertActionLink>
                ) : undefined
              }
            >
              {t("pimEndingSoonBody", { left: formatCountdown(request.endsAt - now, t("pimDayShort")) })}
              {basis && !waiting && ` ${t("pimEndingSoonExtendHint")}`}
              {waiting && ` ${t("pimEndingSoonExtensionWaits")}`}
            </Alert>
          </StackItem>
        );
      })}
    </Stack>
  );
};

/** The path of My roles opening the Extend dialog of an elevation (from the banner on another page). */
export const extendPath = (requestId: string) => `${consolePath("pim/roles")}?extend=${encodeURIComponent(requestId)}`;

/**
 * The banners on the Privileged access pages other than My roles: loads what they need itself; Extend
 * leads to My roles with the elevation's Extend dialog open.
 */
export const EndingSoonNotice = () => {
  const context = usePimContext();
  const navigate = useNavigate();
  const [elevations, setElevations] = useState<MyElevations>();
  const [minutes, setMinutes] = useState<number>();

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    getReminderMinutes(context, signal)
      .then((value) => {
        setMinutes(value);
        // Without a reminder there is nothing to show: no need to load the elevations.
        return value > 0 ? getMyElevations(context, signal).then(setElevations) : undefined;
      })
      .catch(() => {
        // The banner is a convenience: the page itself reports the server's errors.
      });
    return () => controller.abort();
  }, [context]);

  return (
    <EndingSoonBanners
      elevations={elevations}
      reminderMinutes={minutes}
      onExtend={(request) => navigate(extendPath(request.id))}
    />
  );
};
