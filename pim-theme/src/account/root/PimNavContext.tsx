import { useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { createContext, useCallback, useContext, useEffect, useState, type PropsWithChildren } from "react";
import { getApprovals, type Approvals } from "../pim/api";

type PimNav = {
  /** undefined while loading, null when the server has no approvals endpoint (404) or it failed. */
  approvals: Approvals | null | undefined;
  /** Whether the Approvals page is offered in the navigation. */
  showApprovals: boolean;
  refreshApprovals: () => void;
};

const PimNavContext = createContext<PimNav>({
  approvals: undefined,
  showApprovals: false,
  refreshApprovals: () => {},
});

/**
 * Asks GET /approvals once per page load (and after a decision): the Approvals page is offered
 * when it answers 200 with pending requests, or says the caller is an approver; never on a 404.
 */
export const PimNavProvider = ({ children }: PropsWithChildren) => {
  const context = useEnvironment<AccountEnvironment>();
  const [approvals, setApprovals] = useState<Approvals | null | undefined>(undefined);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getApprovals(context, controller.signal)
      .then(setApprovals)
      .catch(() => {
        if (!controller.signal.aborted) {
          setApprovals(null);
        }
      });
    return () => controller.abort();
  }, [context, generation]);

  const refreshApprovals = useCallback(() => setGeneration((g) => g + 1), []);
  const showApprovals = !!approvals && (approvals.requests.length > 0 || approvals.approver);

  return (
    <PimNavContext.Provider value={{ approvals, showApprovals, refreshApprovals }}>
      {children}
    </PimNavContext.Provider>
  );
};

export const usePimNav = () => useContext(PimNavContext);
