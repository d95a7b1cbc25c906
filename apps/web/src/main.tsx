import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";
import "./i18n";
import "./styles.css";

const queryClient = new QueryClient({
  // Progress changes only when someone logs an activity: a minute is fresh enough for a start page.
  defaultOptions: { queries: { staleTime: 60_000 } },
});

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
