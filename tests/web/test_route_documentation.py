"""Every API route states who may call it, in its OpenAPI description."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_every_api_operation_names_its_caller(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    silent = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        if path.startswith(("/api/v1/", "/public/v1/"))
        for method, operation in operations.items()
        if "Caller:" not in operation.get("description", "")
    ]
    assert silent == [], "add 'Caller: ...' to these routes' descriptions"
