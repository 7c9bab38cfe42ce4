"""GraphQL of webhooks (permission ``core.webhook.manage``): endpoints, the event types a
company can subscribe to, the delivery log, and redelivery by hand.

The signing secret appears in the payloads of ``createWebhookEndpoint`` and
``rotateWebhookSecret`` only; no field returns it again and the audit log never holds it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice.errors import BadUserInput
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id
from backoffice.graphql.relay import Connection, paginate
from backoffice.i18n import translate
from backoffice.webhooks import services
from backoffice.webhooks.tables import DELIVERY_STATUSES
from backoffice.webhooks.tables import WebhookDelivery as DeliveryTable
from backoffice.webhooks.tables import WebhookEndpoint as EndpointTable

PERMISSION = "core.webhook.manage"


@strawberry.type(description="An HTTPS endpoint that receives the company's events, signed.")
class WebhookEndpoint:
    id: strawberry.ID
    url: str
    description: str
    event_types: list[str] = strawberry.field(description="The event types it receives.")
    enabled: bool
    disabled_at: datetime | None
    disabled_reason: str = strawberry.field(
        description="Why it is off: `manual`, or `failing` when it was disabled because its "
                    "deliveries kept failing. Empty while enabled.")
    consecutive_failures: int = strawberry.field(
        description="Deliveries in a row that failed every attempt (0 after any success).")
    failing_since: datetime | None = strawberry.field(
        description="The first failed attempt since the last success; null while it works.")
    created_at: datetime
    secret_rotated_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> WebhookEndpoint:
        return cls(id=strawberry.ID(services.endpoint_global_id(r["id"])), url=r["url"],
                   description=r["description"], event_types=services.loads(r["event_types"]) or [],
                   enabled=r["enabled"], disabled_at=r["disabled_at"],
                   disabled_reason=r["disabled_reason"] or "",
                   consecutive_failures=r["consecutive_failures"], failing_since=r["failing_since"],
                   created_at=r["created_at"], secret_rotated_at=r["secret_rotated_at"])


@strawberry.type(description="An event type the company can subscribe an endpoint to.")
class WebhookEventType:
    key: str = strawberry.field(description="`<module>.<event>`, e.g. `hr.employee_hired`.")
    module: str
    description: str = strawberry.field(description="What happened, and what `data` holds.")


@strawberry.type(description="One attempt of a delivery.")
class WebhookAttempt:
    at: datetime
    status_code: int | None = strawberry.field(
        description="The receiver's HTTP status; null when there was no answer.")
    duration_ms: int
    error: str = strawberry.field(description="Why there was no answer (timeout, refused ...).")
    manual: bool = strawberry.field(description="Asked for with `redeliverWebhook`.")


@strawberry.type(description="One event sent to one endpoint, and how its attempts went.")
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(
        description="Also the `webhook-id` header: the same on every attempt.")
    endpoint_id: strawberry.ID
    event_type: str
    event_id: strawberry.ID = strawberry.field(
        description="The event's id: the same in the deliveries of one event to several endpoints.")
    status: str = strawberry.field(
        description="pending (an attempt is due), succeeded (a 2xx answer) or failed (every "
                    "attempt failed).")
    attempts: int
    last_status_code: int | None
    last_duration_ms: int | None
    last_error: str
    last_response_body: str = strawberry.field(
        description="The start of the last answer's body (at most 2,000 characters).")
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None = strawberry.field(
        description="When the next attempt is due, while pending.")
    created_at: datetime
    body: str = strawberry.field(description="The JSON body, exactly as signed and sent.")
    attempt_log: list[WebhookAttempt] = strawberry.field(
        description="The latest attempts, oldest first (at most 20).")

    @classmethod
    def of(cls, r: dict[str, Any]) -> WebhookDelivery:
        log = services.loads(r["attempt_log"]) or []
        return cls(
            id=strawberry.ID(services.delivery_global_id(r["id"])),
            endpoint_id=strawberry.ID(services.endpoint_global_id(r["endpoint_id"])),
            event_type=r["event_type"], event_id=strawberry.ID(services.event_global_id(r["event_id"])),
            status=r["status"], attempts=r["attempts"], last_status_code=r["last_status_code"],
            last_duration_ms=r["last_duration_ms"], last_error=r["last_error"] or "",
            last_response_body=r["last_response_body"] or "", last_attempt_at=r["last_attempt_at"],
            next_attempt_at=r["next_attempt_at"] if r["status"] == "pending" else None,
            created_at=r["created_at"], body=r["body"],
            attempt_log=[WebhookAttempt(at=datetime.fromisoformat(a["at"].replace("Z", "+00:00")),
                                        status_code=a.get("statusCode"),
                                        duration_ms=a.get("durationMs") or 0,
                                        error=a.get("error") or "", manual=bool(a.get("manual")))
                         for a in log])


@strawberry.input
class CreateWebhookEndpointInput:
    url: str = strawberry.field(description="https://... (the receiver).")
    event_types: list[str] = strawberry.field(description="Keys from `webhookEventTypes`.")
    description: str | None = None


@strawberry.input
class UpdateWebhookEndpointInput:
    id: strawberry.ID
    url: str | None = strawberry.field(default=None, description="Left as it is when omitted.")
    event_types: list[str] | None = strawberry.field(default=None,
                                                     description="Left as they are when omitted.")
    description: str | None = strawberry.field(default=None, description="Left as it is when omitted.")


@strawberry.input
class WebhookEndpointIdInput:
    id: strawberry.ID


@strawberry.input
class RedeliverWebhookInput:
    delivery_id: strawberry.ID


@strawberry.type
class CreateWebhookEndpointPayload(Payload):
    webhook_endpoint: WebhookEndpoint | None = None
    secret: str | None = strawberry.field(
        default=None, description="The signing secret (`whsec_...`), shown this once.")


@strawberry.type
class WebhookEndpointPayload(Payload):
    webhook_endpoint: WebhookEndpoint | None = None


@strawberry.type
class RotateWebhookSecretPayload(Payload):
    webhook_endpoint: WebhookEndpoint | None = None
    secret: str | None = strawberry.field(
        default=None, description="The new signing secret, shown this once; the old one stops at once.")


@strawberry.type
class DeleteWebhookEndpointPayload(Payload):
    deleted_id: strawberry.ID | None = None


@strawberry.type
class RedeliverWebhookPayload(Payload):
    delivery: WebhookDelivery | None = None


def _endpoint_pk(global_id: str) -> int:
    return decode_id(global_id, "WebhookEndpoint")


async def _endpoint(pk: int) -> WebhookEndpoint:
    return WebhookEndpoint.of(await services.get_endpoint(pk))


@strawberry.type
class WebhookQuery:
    @field(PERMISSION, description="The company's webhook endpoints, oldest first.")
    async def webhook_endpoints(self, first: int | None = None,
                                after: str | None = None) -> Connection[WebhookEndpoint]:
        return await paginate(EndpointTable, node=WebhookEndpoint.of, first=first, after=after,
                              columns=services.ENDPOINT_COLUMNS)

    @field(PERMISSION, description="One webhook endpoint, by id.")
    async def webhook_endpoint(self, id: strawberry.ID) -> WebhookEndpoint:
        return await _endpoint(_endpoint_pk(id))

    @field(PERMISSION, description="The event types of the company's enabled modules.")
    def webhook_event_types(self, info: strawberry.Info) -> list[WebhookEventType]:
        return [WebhookEventType(key=e.key, module=module, description=translate(e.description))
                for module, e in services.available_event_types(info.context.actor.enabled_modules)]

    @field(PERMISSION, description="Deliveries, newest first: of one endpoint, or of all.")
    async def webhook_deliveries(self, endpoint_id: strawberry.ID | None = None,
                                 first: int | None = None, after: str | None = None,
                                 status: str | None = None) -> Connection[WebhookDelivery]:
        where = None
        if endpoint_id is not None:
            pk = _endpoint_pk(endpoint_id)
            await services.get_endpoint(pk)  # another company's endpoint is NOT_FOUND
            where = DeliveryTable.endpoint_id == pk
        if status is not None:
            if status not in DELIVERY_STATUSES:
                listed = ", ".join(DELIVERY_STATUSES)
                raise BadUserInput((f"status must be one of {listed}.",
                                    f"status harus salah satu dari {listed}."), field="status")
            clause = DeliveryTable.status == status
            where = clause if where is None else where & clause
        return await paginate(DeliveryTable, node=WebhookDelivery.of, first=first, after=after,
                              where=where, order_by=DeliveryTable.id, descending=True)


@strawberry.type
class WebhookMutation:
    @mutation(PERMISSION, description="Subscribe an HTTPS endpoint to event types. The payload "
              "holds the signing secret, shown this once.")
    async def create_webhook_endpoint(self, info: strawberry.Info,
                                      input: CreateWebhookEndpointInput) -> CreateWebhookEndpointPayload:
        actor = info.context.actor
        pk, secret = await services.create_endpoint(
            url=input.url, event_types=input.event_types, description=input.description,
            enabled_modules=actor.enabled_modules, held_permissions=await actor.permissions(),
            user_id=actor.user_id)
        return CreateWebhookEndpointPayload(webhook_endpoint=await _endpoint(pk), secret=secret)

    @mutation(PERMISSION, description="Change an endpoint's URL, event types or description.")
    async def update_webhook_endpoint(self, info: strawberry.Info,
                                      input: UpdateWebhookEndpointInput) -> WebhookEndpointPayload:
        pk = _endpoint_pk(input.id)
        actor = info.context.actor
        await services.update_endpoint(pk, url=input.url, event_types=input.event_types,
                                       description=input.description,
                                       enabled_modules=actor.enabled_modules,
                                       held_permissions=await actor.permissions())
        return WebhookEndpointPayload(webhook_endpoint=await _endpoint(pk))

    @mutation(PERMISSION, description="Delete an endpoint and its delivery log.")
    async def delete_webhook_endpoint(self, input: WebhookEndpointIdInput) -> DeleteWebhookEndpointPayload:
        await services.delete_endpoint(_endpoint_pk(input.id))
        return DeleteWebhookEndpointPayload(deleted_id=input.id)

    @mutation(PERMISSION, description="Replace the signing secret; the payload holds the new "
              "one, shown this once.")
    async def rotate_webhook_secret(self, input: WebhookEndpointIdInput) -> RotateWebhookSecretPayload:
        pk = _endpoint_pk(input.id)
        secret = await services.rotate_secret(pk)
        return RotateWebhookSecretPayload(webhook_endpoint=await _endpoint(pk), secret=secret)

    @mutation(PERMISSION, description="Turn an endpoint on again (also one disabled because its "
              "deliveries kept failing); its failure count starts afresh.")
    async def enable_webhook_endpoint(self, input: WebhookEndpointIdInput) -> WebhookEndpointPayload:
        pk = _endpoint_pk(input.id)
        await services.set_enabled(pk, True)
        return WebhookEndpointPayload(webhook_endpoint=await _endpoint(pk))

    @mutation(PERMISSION, description="Turn an endpoint off: events are not sent to it meanwhile.")
    async def disable_webhook_endpoint(self, input: WebhookEndpointIdInput) -> WebhookEndpointPayload:
        pk = _endpoint_pk(input.id)
        await services.set_enabled(pk, False)
        return WebhookEndpointPayload(webhook_endpoint=await _endpoint(pk))

    @mutation(PERMISSION, description="Send a delivery again, once, now (same `webhook-id`).")
    async def redeliver_webhook(self, input: RedeliverWebhookInput) -> RedeliverWebhookPayload:
        pk = decode_id(input.delivery_id, "WebhookDelivery")
        await services.redeliver(pk)
        return RedeliverWebhookPayload(delivery=WebhookDelivery.of(await services.get_delivery(pk)))
