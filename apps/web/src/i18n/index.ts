import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import sv from "./sv.json";

export const LANGUAGES = ["sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = { sv: { translation: sv }, en: { translation: en } } as const;

// Swedish first: the UI speaks Swedish unless the person switches (SPEC §1).
void i18next.use(initReactI18next).init({
  resources,
  lng: "sv",
  fallbackLng: "sv",
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders; <Trans> handles the few strings with markup.
  interpolation: { escapeValue: false },
});

i18next.on("languageChanged", (language) => {
  if (typeof document !== "undefined") document.documentElement.lang = language;
});

export { i18next as i18n };
