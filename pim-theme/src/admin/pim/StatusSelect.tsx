import { FormSelect, FormSelectOption } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

/** A labelled select of one value out of options, with "all" as the empty choice. */
export const StatusSelect = ({ value, options, label, render, onChange, testId }: {
  value: string; options: string[]; label: string; render: (option: string) => string; onChange: (value: string) => void; testId: string;
}) => {
  const { t } = useTranslation();
  return (
    <FormSelect value={value} onChange={(_e, v) => onChange(v)} aria-label={label} data-testid={testId} id={testId}>
      <FormSelectOption value="" label={t("pimAll", { what: label })} />
      {options.map((o) => (
        <FormSelectOption key={o} value={o} label={render(o)} />
      ))}
    </FormSelect>
  );
};
