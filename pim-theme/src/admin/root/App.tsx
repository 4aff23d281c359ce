import {
  AdminClientProvider,
  AppContexts,
  ErrorRenderer,
  Header,
  PageBreadCrumbs,
} from "@keycloak/keycloak-admin-ui";
// keycloak-admin-ui bundles its own copy of keycloak-ui-shared and does not export its alerts: the pages
// use this AlertProvider and useAlerts of the same (our) copy.
import { AlertProvider, KeycloakSpinner, mainPageContentId } from "@keycloak/keycloak-ui-shared";
import { Flex, FlexItem, Page } from "@patternfly/react-core";
import { Component, Suspense, type ErrorInfo, type ReactNode } from "react";
import { Outlet } from "react-router-dom";
import { AuthWall } from "./AuthWall";
import { Banners } from "./Banners";
import { NoAccessHint, NoRightsGate } from "./NoAccessHint";
import { PimPageNav } from "./PimPageNav";

/** Keeps a failing page from taking the masthead and navigation with it; shown with Keycloak's renderer. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  render() {
    if (this.state.error) {
      return <ErrorRenderer error={this.state.error} />;
    }
    return this.props.children;
  }
}

/**
 * Keycloak's admin console layout (its App) from the library's parts: the same contexts, banner,
 * masthead, breadcrumbs and navigation, with the Privileged access group added to the navigation.
 */
export const App = () => (
  <AdminClientProvider>
    <NoRightsGate>
      <AppContexts>
        <AlertProvider>
          <Flex direction={{ default: "column" }} flexWrap={{ default: "nowrap" }} spaceItems={{ default: "spaceItemsNone" }} style={{ height: "100%" }}>
            <FlexItem>
              <Banners />
            </FlexItem>
            <FlexItem grow={{ default: "grow" }} style={{ minHeight: 0 }}>
              <Page
                header={<Header />}
                isManagedSidebar
                sidebar={<PimPageNav />}
                breadcrumb={<PageBreadCrumbs />}
                mainContainerId={mainPageContentId}
              >
                <PageErrorBoundary>
                  <Suspense fallback={<KeycloakSpinner />}>
                    <NoAccessHint />
                    <AuthWall>
                      <Outlet />
                    </AuthWall>
                  </Suspense>
                </PageErrorBoundary>
              </Page>
            </FlexItem>
          </Flex>
        </AlertProvider>
      </AppContexts>
    </NoRightsGate>
  </AdminClientProvider>
);
