import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatCountdown, formatTime } from "./format";
import { useLocale, useNow } from "./hooks";

/**
 * The time left until endsAt, ticking every second. Screen readers get the end time as the
 * label instead of a value that changes every second.
 */
export const Countdown = ({ endsAt, onEnded }: { endsAt: number; onEnded?: () => void }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow();
  const left = endsAt - now;
  const ended = useRef(false);

  useEffect(() => {
    if (left <= 0 && !ended.current) {
      ended.current = true;
      onEnded?.();
    }
  }, [left, onEnded]);

  return (
    <span
      className="pim-countdown"
      role="timer"
      aria-live="off"
      aria-label={t("pimTimeLeftUntil", { time: formatTime(endsAt, locale) })}
      data-testid="pim-countdown"
      data-ends-at={endsAt}
    >
      {formatCountdown(left, t("pimDayShort"))}
    </span>
  );
};
