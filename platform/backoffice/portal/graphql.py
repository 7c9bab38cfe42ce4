"""GraphQL of the service portal.

``requestTypes`` lists what the company's enabled modules offer; a member submits, follows
(``myServiceRequests``) and cancels their own requests; a department works through its queue
(``serviceQueue``), accepting or rejecting. The queue, ``acceptServiceRequest`` and
``rejectServiceRequest`` are open to any member but act only on the types whose
``handler_permission`` the caller holds: for anyone else a request does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from backoffice.errors import BadUserInput, Forbidden
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_any, decode_id, encode_id
from backoffice.graphql.relay import Connection, connection_from_list, paginate
from backoffice.i18n import get_locale, translate
from backoffice.identity.admin_graphql import load_users
from backoffice.modules.graphql import UiFormField, _form_field
from backoffice.portal import services
from backoffice.portal.tables import ServiceRequest as RequestTable


@strawberry.type(description="Something members can ask a department for in the service portal.")
class ServiceRequestType:
    key: str = strawberry.field(description="`<module>.<thing>`, e.g. `it.equipment`.")
    module: str
    label: str
    description: str
    fields: list[UiFormField] = strawberry.field(description="The form: send `values` by these field names.")
    response_hours: int = strawberry.field(description="The department's response-time target, in hours.")
    needs_approval: bool = strawberry.field(description="Requests wait for approval before the department sees them.")
    can_handle: bool = strawberry.field(description="Whether you work on this type's queue.")


@strawberry.type(description="A request made in the service portal and what became of it.")
class ServiceRequest:
    id: strawberry.ID
    number: str = strawberry.field(description="REQ-00001, per company.")
    type: str = strawberry.field(description="The request type's key.")
    module: str
    title: str
    values: JSON = strawberry.field(description="The form as submitted, by field name.")
    status: str = strawberry.field(
        description="pending_approval, submitted (in the department's queue), accepted, rejected or cancelled.")
    submitted_at: datetime
    response_hours: int = strawberry.field(description="The response-time target when it was submitted.")
    due_at: datetime | None = strawberry.field(description="When the department should have answered.")
    overdue: bool = strawberry.field(description="Still in the queue after its due time.")
    decided_at: datetime | None
    reason: str = strawberry.field(description="Why it was rejected.")
    record_id: strawberry.ID | None = strawberry.field(
        description="The global id of the record an accepted request made in the module.")
    record_type: str | None = strawberry.field(description="The type of that record, e.g. `Ticket`.")
    link: str = strawberry.field(description="Where the requester finds that record in the web app.")
    requester_id: strawberry.ID
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ServiceRequest:
        record_type = decode_any(r["record_id"])[0] if r["record_id"] else None
        return cls(id=strawberry.ID(services.global_id(r["id"])), number=services.number_text(r["number"]),
                   type=r["type_key"], module=r["module"], title=r["title"], values=services.values_of(r),
                   status=r["status"], submitted_at=r["submitted_at"], response_hours=r["response_hours"],
                   due_at=r["due_at"], overdue=services.overdue(r), decided_at=r["decided_at"], reason=r["reason"],
                   record_id=r["record_id"], record_type=record_type, link=services.link_of(r),
                   requester_id=strawberry.ID(encode_id("User", r["requester_user_id"])), _row=r)

    @strawberry.field(description="The request type's name in your language.")
    def type_label(self) -> str:
        found = services.find_type(self._row["type_key"])
        return translate(found[1].label) if found else self._row["type_key"]

    @strawberry.field(description="Who asked.")
    async def requester_name(self, info: strawberry.Info) -> str:
        user = await info.context.loader(load_users).load(self._row["requester_user_id"])
        return (user or {}).get("full_name", "")


@strawberry.input
class SubmitServiceRequestInput:
    type_key: str = strawberry.field(name="type", description="A key from `requestTypes`.")
    title: str
    values: JSON | None = strawberry.field(default=None, description="The form's values by field name.")


@strawberry.input
class AcceptServiceRequestInput:
    id: strawberry.ID


@strawberry.input
class RejectServiceRequestInput:
    id: strawberry.ID
    reason: str


@strawberry.input
class CancelServiceRequestInput:
    id: strawberry.ID


@strawberry.type
class ServiceRequestPayload(Payload):
    service_request: ServiceRequest | None = None


def _status(status: str | None) -> str | None:
    if status is not None and status not in services.STATUSES:
        raise BadUserInput((f"status must be one of {', '.join(services.STATUSES)}.",
                            f"status harus salah satu dari {', '.join(services.STATUSES)}."), field="status")
    return status


async def _handled(info: strawberry.Info) -> set[str]:
    actor = info.context.actor
    return services.handled_types(actor.enabled_modules, await actor.permissions())


def _member(info: strawberry.Info) -> int:
    user_id = info.context.actor.user_id
    if user_id is None:
        raise Forbidden(("This is done by a member, not by an API client.",
                         "Ini dilakukan oleh anggota, bukan oleh klien API."))
    return user_id


@strawberry.type
class PortalQuery:
    @field(authenticated=True, description="What members can ask the departments of the enabled modules for.")
    async def request_types(self, info: strawberry.Info, module: str | None = None) -> list[ServiceRequestType]:
        actor = info.context.actor
        granted = await actor.permissions()
        locale = get_locale()
        return [ServiceRequestType(key=t.key, module=m, label=t.label.get(locale),
                                   description=t.description.get(locale),
                                   fields=[_form_field(f, locale) for f in t.fields],
                                   response_hours=t.response_hours, needs_approval=t.needs_approval,
                                   can_handle=t.handler_permission in granted)
                for m, t in services.request_types(actor.enabled_modules) if module is None or m == module]

    @field(self_service=True, description="Your service requests, newest first.")
    async def my_service_requests(self, info: strawberry.Info, status: str | None = None,
                                  first: int | None = 20, after: str | None = None) -> Connection[ServiceRequest]:
        where = RequestTable.requester_user_id == (info.context.actor.user_id or 0)
        if _status(status) is not None:
            where = where & (RequestTable.status == status)
        return await paginate(RequestTable, node=ServiceRequest.of, first=first, after=after, where=where,
                              descending=True)

    @field(authenticated=True, description="The queue of the request types you handle, oldest first; "
           "status `submitted` unless given (null for every status).")
    async def service_queue(self, info: strawberry.Info, module: str | None = None,
                            status: str | None = "submitted", overdue: bool | None = None,
                            first: int | None = 20, after: str | None = None) -> Connection[ServiceRequest]:
        _status(status)
        handled = await _handled(info)
        if module is not None:
            of_module = {t.key for m, t in services.request_types(info.context.actor.enabled_modules) if m == module}
            handled &= of_module
        if not handled:
            return connection_from_list([], first, after, key=lambda r: r)
        where = RequestTable.type_key.is_in(sorted(handled)) & (RequestTable.status != "pending_approval")
        if status is not None:
            where = where & (RequestTable.status == status)
        if overdue is not None:
            at = services.now()
            if overdue:
                where = where & (RequestTable.status == "submitted") & (RequestTable.due_at < at)
            else:
                where = where & ((RequestTable.status != "submitted") | (RequestTable.due_at >= at))
        return await paginate(RequestTable, node=ServiceRequest.of, first=first, after=after, where=where)

    @field(authenticated=True, description="One request: your own, or one of a type you handle.")
    async def service_request(self, info: strawberry.Info, id: strawberry.ID) -> ServiceRequest:
        row = await services.visible(decode_id(id, "ServiceRequest"), user_id=info.context.actor.user_id,
                                     handled=await _handled(info))
        return ServiceRequest.of(row)


@strawberry.type
class PortalMutation:
    @mutation(self_service=True, description="Ask a department for something; the form's values are checked "
              "against the type's fields.")
    async def submit_service_request(self, info: strawberry.Info,
                                     input: SubmitServiceRequestInput) -> ServiceRequestPayload:
        pk = await services.submit(type_key=input.type_key, title=input.title, values=input.values,
                                   requester=_member(info), enabled=info.context.actor.enabled_modules)
        return ServiceRequestPayload(service_request=ServiceRequest.of(await services.get(pk)))

    @mutation(authenticated=True, description="Accept a request of your queue: the module makes its record "
              "(a ticket, a booking ...) in the same transaction.")
    async def accept_service_request(self, info: strawberry.Info,
                                     input: AcceptServiceRequestInput) -> ServiceRequestPayload:
        handled = await _handled(info)
        row = await services.accept(decode_id(input.id, "ServiceRequest"), user_id=_member(info), handled=handled)
        return ServiceRequestPayload(service_request=ServiceRequest.of(row))

    @mutation(authenticated=True, description="Reject a request of your queue, saying why.")
    async def reject_service_request(self, info: strawberry.Info,
                                     input: RejectServiceRequestInput) -> ServiceRequestPayload:
        handled = await _handled(info)
        row = await services.reject(decode_id(input.id, "ServiceRequest"), reason=input.reason,
                                    user_id=_member(info), handled=handled)
        return ServiceRequestPayload(service_request=ServiceRequest.of(row))

    @mutation(self_service=True, description="Take back your request while nobody has decided it.")
    async def cancel_service_request(self, info: strawberry.Info,
                                     input: CancelServiceRequestInput) -> ServiceRequestPayload:
        row = await services.cancel(decode_id(input.id, "ServiceRequest"), user_id=_member(info))
        return ServiceRequestPayload(service_request=ServiceRequest.of(row))
