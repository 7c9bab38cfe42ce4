import { useTranslation } from "react-i18next";
import i18n from "./index";

/**
 * Texts of one screen or module, added when its code loads (so they travel in its own chunk):
 *   const t = useBundle("hr", { en: {...}, id: {...} });  t("leave.title")
 * Both languages must have the same keys.
 */
export function addBundle(namespace: string, texts: { en: Record<string, unknown>; id: Record<string, unknown> }): void {
  if (!i18n.hasResourceBundle("en", namespace)) {
    i18n.addResourceBundle("en", namespace, texts.en, true, true);
    i18n.addResourceBundle("id", namespace, texts.id, true, true);
  }
}

export function useBundle(namespace: string, texts: { en: Record<string, unknown>; id: Record<string, unknown> }) {
  addBundle(namespace, texts);
  return useTranslation(namespace);
}
