import { notifications } from "@mantine/notifications";

export function notifySaved(message: string): void {
  notifications.show({ color: "green", message, autoClose: 3000 });
}

export function notifyError(message: string): void {
  notifications.show({ color: "red", message, autoClose: 6000 });
}
