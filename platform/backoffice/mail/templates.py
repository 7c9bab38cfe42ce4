"""The core's mail, in the recipient's language (English or Bahasa Indonesia): plain text, and
the same words as simple HTML. Every text is written once per language, here."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from backoffice.i18n import normalise
from backoffice.modules.types import Text


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _t(locale: str, en: str, id_: str) -> str:
    return Text(en, id_).get(locale)


def compose(locale: str, *, subject: str, greeting: str, paragraphs: list[str],
            action: str = "", url: str = "", footer: str = "") -> Rendered:
    """A mail of a greeting, paragraphs, one link and a footer, as text and as HTML."""
    locale = normalise(locale)
    footer = footer or _t(locale, "This message was sent by Backoffice. Please do not reply to it.",
                          "Pesan ini dikirim oleh Backoffice. Mohon tidak membalasnya.")
    text_parts = [greeting, *paragraphs]
    if url:
        text_parts.append(f"{action}:\n{url}" if action else url)
    text_parts.append(f"-- \n{footer}")
    text = "\n\n".join(p for p in text_parts if p) + "\n"

    esc = html_lib.escape
    body = [f"<p>{esc(greeting)}</p>", *[f"<p>{esc(p)}</p>" for p in paragraphs if p]]
    if url:
        body.append(f'<p><a href="{esc(url, quote=True)}">{esc(action or url)}</a></p>')
        body.append(f'<p style="color:#555;font-size:12px">{esc(url)}</p>')
    body.append(f'<p style="color:#555;font-size:12px">{esc(footer)}</p>')
    page = (f'<!doctype html><html lang="{locale}"><head><meta charset="utf-8">'
            f"<title>{esc(subject)}</title></head>"
            '<body style="font-family:sans-serif;line-height:1.5;max-width:600px">'
            + "".join(body) + "</body></html>")
    return Rendered(subject=subject, text=text, html=page)


def _hello(locale: str, name: str) -> str:
    name = name.strip()
    if name:
        return _t(locale, f"Hello {name},", f"Halo {name},")
    return _t(locale, "Hello,", "Halo,")


def verify_email(locale: str, *, name: str, url: str, hours: int) -> Rendered:
    return compose(
        locale,
        subject=_t(locale, "Confirm your email address", "Konfirmasi alamat email Anda"),
        greeting=_hello(locale, name),
        paragraphs=[_t(locale,
                       "Please confirm that this is your email address by opening the link below. "
                       f"The link works once, within {hours} hours.",
                       "Mohon konfirmasi bahwa ini alamat email Anda dengan membuka tautan di bawah. "
                       f"Tautan hanya berlaku sekali, dalam {hours} jam."),
                    _t(locale, "If you did not create an account, you can ignore this message.",
                       "Jika Anda tidak membuat akun, abaikan pesan ini.")],
        action=_t(locale, "Confirm my email address", "Konfirmasi email saya"), url=url)


def invitation(locale: str, *, name: str, company: str, inviter: str, url: str,
               days: int) -> Rendered:
    who = inviter.strip() or _t(locale, "A colleague", "Seorang rekan")
    return compose(
        locale,
        subject=_t(locale, f"You are invited to join {company} on Backoffice",
                   f"Anda diundang bergabung dengan {company} di Backoffice"),
        greeting=_hello(locale, name),
        paragraphs=[_t(locale, f"{who} invites you to join {company} on Backoffice.",
                       f"{who} mengundang Anda bergabung dengan {company} di Backoffice."),
                    _t(locale, f"The invitation works once, within {days} days.",
                       f"Undangan hanya berlaku sekali, dalam {days} hari.")],
        action=_t(locale, "Accept the invitation", "Terima undangan"), url=url)


def password_reset(locale: str, *, name: str, url: str, minutes: int) -> Rendered:
    return compose(
        locale,
        subject=_t(locale, "Reset your password", "Atur ulang kata sandi Anda"),
        greeting=_hello(locale, name),
        paragraphs=[_t(locale,
                       "Someone asked to reset the password of your Backoffice account. Open the "
                       f"link below to choose a new one; it works once, within {minutes} minutes.",
                       "Seseorang meminta pengaturan ulang kata sandi akun Backoffice Anda. Buka "
                       "tautan di bawah untuk memilih kata sandi baru; tautan hanya berlaku sekali, "
                       f"dalam {minutes} menit."),
                    _t(locale, "If it was not you, ignore this message: your password stays as it is.",
                       "Jika bukan Anda, abaikan pesan ini: kata sandi Anda tidak berubah.")],
        action=_t(locale, "Choose a new password", "Pilih kata sandi baru"), url=url)


def two_factor_changed(locale: str, *, name: str, turned_on: bool, url: str) -> Rendered:
    """Told to the account's address whenever two-factor authentication is turned on or off."""
    if turned_on:
        subject = _t(locale, "Two-factor authentication is on", "Autentikasi dua faktor aktif")
        said = _t(locale, "Two-factor authentication was turned on for your Backoffice account: "
                          "logging in now asks for a code from your authenticator app.",
                  "Autentikasi dua faktor diaktifkan untuk akun Backoffice Anda: saat masuk kini "
                  "diminta kode dari aplikasi autentikator Anda.")
    else:
        subject = _t(locale, "Two-factor authentication is off", "Autentikasi dua faktor nonaktif")
        said = _t(locale, "Two-factor authentication was turned off for your Backoffice account: "
                          "logging in now needs only your password.",
                  "Autentikasi dua faktor dimatikan untuk akun Backoffice Anda: saat masuk kini "
                  "hanya perlu kata sandi Anda.")
    return compose(
        locale, subject=subject, greeting=_hello(locale, name),
        paragraphs=[said, _t(locale, "If it was not you, change your password at once and tell "
                                     "an owner of your company.",
                             "Jika bukan Anda, segera ganti kata sandi Anda dan beri tahu pemilik "
                             "perusahaan Anda.")],
        action=_t(locale, "Open your account", "Buka akun Anda"), url=url)


def notification(locale: str, *, name: str, company: str, title: str, body: str, url: str,
                 kind_label: str) -> Rendered:
    footer = _t(locale,
                f"You get this by email because of your choice for \u201c{kind_label}\u201d. "
                "Change it under notification settings in Backoffice.",
                f"Anda menerima ini lewat email karena pilihan Anda untuk \u201c{kind_label}\u201d. "
                "Ubah di pengaturan notifikasi Backoffice.")
    return compose(
        locale, subject=f"[{company}] {title}" if company else title,
        greeting=_hello(locale, name), paragraphs=[title, body] if body else [title],
        action=_t(locale, "Open in Backoffice", "Buka di Backoffice"), url=url, footer=footer)
