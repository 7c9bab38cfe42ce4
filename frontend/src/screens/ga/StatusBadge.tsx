import { Badge, type BadgeProps } from "@mantine/core";
import type { ReactNode } from "react";

// Colours whose darkest shade keeps 4.5:1 on their own tint; the others take near-black text.
const OWN_TEXT = new Set(["blue", "grape", "gray", "violet", "indigo"]);

/** A light badge whose text keeps AA contrast (4.5:1) on its tinted background. */
export default function StatusBadge({ color = "gray", children, ...props }: Omit<BadgeProps, "color" | "variant"> & {
  color?: string; children?: ReactNode; "data-testid"?: string;
}) {
  const text = OWN_TEXT.has(color) ? `var(--mantine-color-${color}-9)` : "var(--mantine-color-dark-7)";
  return (
    <Badge variant="light" color={color} {...props} styles={{ label: { color: text } }}>
      {children}
    </Badge>
  );
}
