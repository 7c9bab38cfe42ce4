"""What members ask HR for in the service portal: an employment letter, or an answer to a
question. Accepting a request records it as a request to HR, which HR staff answer from their
list (``hrRequests``) and the employee reads on their own (``myHrRequests``)."""

from __future__ import annotations

from backoffice.sdk import RequestType, ServiceRequestContext, Text, UiFormField, encode_id

from .requests import services

HANDLE = "hr.request.handle"

PURPOSES = (("bank", Text("A bank or a loan", "Bank atau pinjaman")), ("visa", Text("A visa", "Visa")),
            ("rental", Text("Renting a home", "Sewa tempat tinggal")), ("other", Text("Something else", "Lainnya")))
LANGUAGES = (("id", Text("Bahasa Indonesia", "Bahasa Indonesia")), ("en", Text("English", "Bahasa Inggris")))
TOPICS = (("leave", Text("Leave", "Cuti")), ("payroll", Text("Pay and tax", "Gaji dan pajak")),
          ("benefits", Text("Benefits and BPJS", "Tunjangan dan BPJS")), ("policy", Text("Policies", "Kebijakan")),
          ("other", Text("Something else", "Lainnya")))


def _details(lines: list[tuple[str, object]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines if value not in (None, ""))


async def accept_letter(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    pk = await services.create(kind="employment_letter", subject=ctx.title, requester=ctx.requester_user_id,
                               source_key=f"portal:{ctx.request_id}", details=_details([
                                   ("Purpose", v.get("purpose")), ("Addressed to", v.get("addressedTo")),
                                   ("Language", v.get("language")), ("Notes", v.get("notes"))]))
    return encode_id("HrRequest", pk)


async def accept_question(ctx: ServiceRequestContext) -> str:
    v = ctx.values
    pk = await services.create(kind="question", subject=ctx.title, requester=ctx.requester_user_id,
                               source_key=f"portal:{ctx.request_id}",
                               details=_details([("Topic", v.get("topic")), ("Question", v.get("question"))]))
    return encode_id("HrRequest", pk)


REQUEST_TYPES = [
    RequestType(
        key="hr.employment_letter", label=Text("Employment letter", "Surat keterangan kerja"),
        description=Text("A letter confirming your employment, for a bank, a visa or a landlord.",
                         "Surat yang menerangkan status kerja Anda, untuk bank, visa, atau pemilik sewa."),
        fields=(UiFormField("purpose", Text("What is it for?", "Untuk keperluan apa?"), kind="select", required=True,
                            options=PURPOSES),
                UiFormField("addressedTo", Text("Addressed to", "Ditujukan kepada")),
                UiFormField("language", Text("Language", "Bahasa"), kind="select", options=LANGUAGES),
                UiFormField("notes", Text("Anything else HR should know", "Hal lain yang perlu diketahui SDM"),
                            kind="textarea")),
        handler_permission=HANDLE, accept=accept_letter, response_hours=48, link="/me/hr-requests"),
    RequestType(
        key="hr.question", label=Text("A question for HR", "Pertanyaan untuk SDM"),
        description=Text("Leave, pay, benefits, policies: ask and HR answers.",
                         "Cuti, gaji, tunjangan, kebijakan: tanyakan dan SDM menjawab."),
        fields=(UiFormField("question", Text("Your question", "Pertanyaan Anda"), kind="textarea", required=True),
                UiFormField("topic", Text("Topic", "Topik"), kind="select", options=TOPICS)),
        handler_permission=HANDLE, accept=accept_question, response_hours=24, link="/me/hr-requests"),
]
