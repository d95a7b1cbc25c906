import { Route, Routes } from "react-router";
import { AuditPage } from "../features/audit/audit-page";
import { RequirePermission } from "../features/auth/require-permission";
import { RequireSignIn } from "../features/auth/require-sign-in";
import { SignInPage } from "../features/auth/sign-in-page";
import { ImportPage } from "../features/import/import-page";
import { CommitmentPage } from "../features/commitment-page/commitment-page";
import { OverviewPage } from "../features/overview/overview-page";
import { EditPromisePage } from "../features/promise-editor/edit-promise-page";
import { NewPromisePage } from "../features/promise-editor/new-promise-page";
import { PromisePage } from "../features/promise-page/promise-page";
import { ImportPromisePage } from "../features/promise-transfer/import-promise-page";
import { ReferenceListsPage } from "../features/reference-lists/reference-lists-page";
import { TermsPage } from "../features/terms/terms-page";
import { QuickLogPage } from "../features/quick-log/quick-log-page";
import { WeekGridPage } from "../features/week-grid/week-grid-page";
import { TokensPage } from "../features/tokens/tokens-page";
import { UserPage } from "../features/users-admin/user-page";
import { UsersPage } from "../features/users-admin/users-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { PATHS } from "./paths";

/** The pages. The API serves index.html for every path outside /api, so each is a deep link. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path={PATHS.signIn} element={<SignInPage />} />
        <Route element={<RequireSignIn />}>
          <Route index element={<OverviewPage />} />
          <Route path={PATHS.promise} element={<PromisePage />} />
          <Route
            path={PATHS.newPromise}
            element={
              <RequirePermission permission="promise.write">
                <NewPromisePage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.importPromise}
            element={
              <RequirePermission permission="promise.write">
                <ImportPromisePage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.editPromise}
            element={
              <RequirePermission permission="promise.write">
                <EditPromisePage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.referenceLists}
            element={
              <RequirePermission permission="promise.write">
                <ReferenceListsPage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.terms}
            element={
              <RequirePermission permission="term.write">
                <TermsPage />
              </RequirePermission>
            }
          />
          <Route path={PATHS.commitment} element={<CommitmentPage />} />
          <Route
            path={PATHS.audit}
            element={
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.users}
            element={
              <RequirePermission permission="user.manage">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.user}
            element={
              <RequirePermission permission="user.manage">
                <UserPage />
              </RequirePermission>
            }
          />
          <Route path={PATHS.tokens} element={<TokensPage />} />
          <Route
            path={PATHS.quickLog}
            element={
              <RequirePermission permission="activity.log">
                <QuickLogPage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.import}
            element={
              <RequirePermission permission="activity.log">
                <ImportPage />
              </RequirePermission>
            }
          />
          <Route
            path={PATHS.weekGrid}
            element={
              <RequirePermission permission="activity.log">
                <WeekGridPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
