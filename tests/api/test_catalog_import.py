"""A store's OCS export imports over HTTP and from the CLI; the chat recommends from it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import ADMIN, make_settings
from weedgo.catalog.cli import import_file
from weedgo.store.factory import open_store

OCS = Path(__file__).parents[1] / "data" / "ocs_sample.csv"


def test_ocs_import_replaces_the_catalog_and_chat_recommends_from_it(client: TestClient) -> None:
    before = client.post(
        "/api/v1/chat", json={"message": "show me some indica flower", "customer_id": "a"}
    ).json()
    assert before["products"][0]["id"].startswith("WG-")
    with OCS.open("rb") as handle:
        response = client.post(
            "/api/v1/admin/catalog/import",
            params={"replace": True},
            files={"file": ("ocs_sample.csv", handle, "text/csv")},
            headers=ADMIN,
        )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["format"] == "ocs-csv"
    assert result["inserted"] == 47
    assert result["removed"] == 425
    assert [e["line"] for e in result["errors"]] == [8, 23, 36]
    after = client.post(
        "/api/v1/chat", json={"message": "show me some indica flower", "customer_id": "b"}
    ).json()
    assert after["cached"] is False, "a catalog change must not serve the old reply"
    assert after["products"]
    assert all(not card["id"].startswith("WG-") for card in after["products"])
    assert all(card["strain_type"] == "indica" for card in after["products"])
    assert all(card["category"] == "flower" for card in after["products"])
    categories = client.get("/api/v1/products/categories").json()
    assert sum(categories.values()) == 47


def test_import_of_an_unreadable_file_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/api/v1/admin/catalog/import",
        files={"file": ("junk.csv", b"colour,weight\nred,3\n", "text/csv")},
        headers=ADMIN,
    )
    assert response.status_code == 400
    assert "column" in response.json()["error"]["message"].lower()


def test_cli_import_reports_bad_rows_and_loads_good_ones(tmp_path: Path, capsys: object) -> None:
    settings = make_settings(tmp_path)
    assert asyncio.run(import_file(settings, OCS)) == 0

    async def count() -> int:
        store = open_store(settings.database_url)
        await store.open()
        try:
            return sum((await store.categories()).values())
        finally:
            await store.close()

    assert asyncio.run(count()) == 47
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "ocs_sample.csv:8:" in err
    assert "47 inserted" in err
    assert asyncio.run(import_file(settings, tmp_path / "missing.csv")) == 2
