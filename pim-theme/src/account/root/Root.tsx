import { Page, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { Outlet } from "react-router-dom";
import { Header } from "./Header";
import { PageNav } from "./PageNav";
import { PimNavProvider } from "./PimNavContext";

export const Root = () => (
  <PimNavProvider>
    <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </Page>
  </PimNavProvider>
);
