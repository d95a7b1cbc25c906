import type { CreatedToken } from "@lofteskollen/contracts";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type CopyState = "idle" | "copied" | "failed";

/**
 * A new key's secret, shown this once: read-only, with a copy button and the warning that it
 * cannot be shown again. Focus moves here so that a screen reader reads the warning first.
 * `secretLabel` names whose key it is when it is not the reader's own (an admin's for a user).
 */
export function CreatedTokenNotice({ token, onDone, secretLabel }: { token: CreatedToken; onDone: () => void; secretLabel?: string }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<CopyState>("idle");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): leave it selected for Ctrl+C.
      secretRef.current?.select();
      setCopy("failed");
    }
  };

  return (
    <section className="created-token" aria-labelledby="created-token-heading">
      <h3 id="created-token-heading" ref={headingRef} tabIndex={-1}>
        {t("tokens.createdHeading", { name: token.name })}
      </h3>
      <p className="created-token__warning">
        <span aria-hidden="true">⚠&nbsp;</span>
        {t("tokens.secretWarning")}
      </p>
      <label htmlFor="created-token-secret">{secretLabel ?? t("tokens.secretLabel")}</label>
      <div className="created-token__secret">
        <input
          id="created-token-secret"
          ref={secretRef}
          type="text"
          readOnly
          value={token.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copySecret()}>
          {t("tokens.copy")}
        </button>
      </div>
      <p className="created-token__copy" role="status">
        {copy === "copied" && t("tokens.copied")}
        {copy === "failed" && t("tokens.copyFailed")}
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t("tokens.done")}
      </button>
    </section>
  );
}
