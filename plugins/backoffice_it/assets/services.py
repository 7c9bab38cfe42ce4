"""Asset rules: one holder at a time with a history, licences that may be over-assigned but
say so, and reminders 30 days before a warranty ends or a licence renews."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound, encode_id, publish

from .tables import Asset, AssetAssignment, License, LicenseSeat

KINDS = ("laptop", "phone", "network", "server", "other")
REMIND_DAYS = 30


async def _get(table: Any, pk: int) -> dict[str, Any]:
    row = await table.select().where(table.id == pk).first()
    if row is None:
        raise NotFound()
    return row


async def create_asset(data: dict[str, Any]) -> int:
    if data.get("kind") not in KINDS or not str(data.get("name", "")).strip() or not str(data.get("tag", "")).strip():
        raise BadUserInput(("Give the asset a tag, a name and a known kind.",
                            "Beri aset label, nama, dan jenis yang dikenal."), field="tag")
    if await Asset.exists().where(Asset.tag == data["tag"].strip()):
        raise Conflict((f"Tag {data['tag']} is in use.", f"Label {data['tag']} sudah dipakai."), field="tag")
    result = await Asset.insert(Asset(**{**data, "tag": data["tag"].strip()[:32], "name": data["name"].strip()[:200]}))
    return result[0]["id"]


async def assign(asset_id: int, user_id: int | None) -> None:
    """Give the asset to ``user_id`` (``None`` takes it back); the history keeps both."""
    asset = await _get(Asset, asset_id)
    if asset["status"] == "retired":
        raise Conflict(("A retired asset cannot be assigned.", "Aset yang sudah pensiun tidak dapat ditugaskan."))
    now = datetime.now(UTC)
    await AssetAssignment.update({AssetAssignment.returned_at: now}).where(
        (AssetAssignment.asset_id == asset_id) & AssetAssignment.returned_at.is_null())
    if user_id is not None:
        await AssetAssignment.insert(AssetAssignment(asset_id=asset_id, user_id=user_id))
    await Asset.update({Asset.assigned_user_id: user_id,
                        Asset.status: "assigned" if user_id is not None else "in_stock"}).where(Asset.id == asset_id)


async def create_license(product: str, vendor: str, seats: int, renewal_date: date | None) -> int:
    if not product.strip() or seats < 1:
        raise BadUserInput(("Name the product and give at least one seat.",
                            "Beri nama produk dan minimal satu kursi."), field="seats")
    result = await License.insert(License(product=product.strip()[:200], vendor=(vendor or "")[:200], seats=seats,
                                          renewal_date=renewal_date))
    return result[0]["id"]


async def assign_seat(license_id: int, user_id: int) -> None:
    await _get(License, license_id)
    if await LicenseSeat.exists().where((LicenseSeat.license_id == license_id) & (LicenseSeat.user_id == user_id)):
        raise Conflict(("This person has a seat already.", "Orang ini sudah memiliki kursi."), field="userId")
    await LicenseSeat.insert(LicenseSeat(license_id=license_id, user_id=user_id))


async def remind(today: date | None = None) -> int:
    """Publish ``it.renewal_due`` once for each warranty ending or licence renewing within 30
    days. Returns how many were announced."""
    today = today or date.today()
    horizon = today + timedelta(days=REMIND_DAYS)
    count = 0
    for a in await Asset.select().where(Asset.warranty_end.is_not_null() & (Asset.warranty_end >= today)
                                        & (Asset.warranty_end <= horizon) & (Asset.status != "retired")):
        if a["reminded_for"] != a["warranty_end"]:
            await publish("it.renewal_due", {"kind": "warranty", "id": encode_id("Asset", a["id"]), "name": a["name"],
                                             "due": a["warranty_end"].isoformat()})
            await Asset.update({Asset.reminded_for: a["warranty_end"]}).where(Asset.id == a["id"])
            count += 1
    for lic in await License.select().where(License.renewal_date.is_not_null() & (License.renewal_date >= today)
                                            & (License.renewal_date <= horizon)):
        if lic["reminded_for"] != lic["renewal_date"]:
            await publish("it.renewal_due", {"kind": "licence", "id": encode_id("License", lic["id"]),
                                             "name": lic["product"], "due": lic["renewal_date"].isoformat()})
            await License.update({License.reminded_for: lic["renewal_date"]}).where(License.id == lic["id"])
            count += 1
    return count


def label_svg(tag: str, name: str) -> str:
    """A printable label: the asset's tag as a QR code (segno) with its name."""
    import segno  # noqa: PLC0415

    buffer = io.BytesIO()
    segno.make(tag, error="m").save(buffer, kind="svg", scale=4, title=f"{tag} {name}")
    return buffer.getvalue().decode()
