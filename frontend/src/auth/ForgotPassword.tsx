import { Anchor, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import AuthFrame from "./AuthFrame";

// Self-service reset by email arrives with the platform's mail delivery; until then an owner or
// admin resets access (a new invitation), which this page says plainly.
export function Component() {
  const { t } = useTranslation();
  return (
    <AuthFrame title={t("auth.forgot")}>
      <Text>{t("auth.forgotHelp")}</Text>
      <Anchor component={Link} to="/login">{t("common.back")}</Anchor>
    </AuthFrame>
  );
}
