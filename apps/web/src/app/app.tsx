import { todayInStockholm } from "@lofteskollen/domain";
import { Route, Routes } from "react-router";
import { AuditPage } from "../features/audit/audit-page";
import { RequirePermission } from "../features/auth/require-permission";
import { RequireSignIn } from "../features/auth/require-sign-in";
import { SignInPage } from "../features/auth/sign-in-page";
import { StartPage } from "../features/promises/start-page";
import { TokensPage } from "../features/tokens/tokens-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { PATHS } from "./paths";

/** The start page, as of the day it is opened. */
function OverviewPage() {
  return <StartPage today={todayInStockholm()} />;
}

/** The pages. The API serves index.html for every path outside /api, so each is a deep link. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path={PATHS.signIn} element={<SignInPage />} />
        <Route element={<RequireSignIn />}>
          <Route index element={<OverviewPage />} />
          <Route
            path={PATHS.audit}
            element={
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route path={PATHS.tokens} element={<TokensPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
