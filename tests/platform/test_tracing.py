"""OpenTelemetry tracing: ``backoffice serve`` with ``OTEL_EXPORTER_OTLP_ENDPOINT`` set sends
its spans by OTLP/HTTP to a collector, here a receiver on loopback that decodes them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Collector(BaseHTTPRequestHandler):
    exports: list[ExportTraceServiceRequest] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        if self.path == "/v1/traces":
            request = ExportTraceServiceRequest()
            request.ParseFromString(body)
            Collector.exports.append(request)
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def spans() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(name, span attributes, resource attributes) of every span received."""
    found = []
    for export in Collector.exports:
        for resource_spans in export.resource_spans:
            resource = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    attributes = {a.key: (a.value.string_value or a.value.int_value)
                                  for a in span.attributes}
                    found.append((span.name, attributes, resource))
    return found


def test_requests_and_graphql_operations_are_traced(tmp_path: Path):
    collector = ThreadingHTTPServer(("127.0.0.1", free_port()), Collector)
    threading.Thread(target=collector.serve_forever, daemon=True).start()
    port = free_port()
    env = {**os.environ, "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.server_port}",
           "OTEL_SERVICE_NAME": "backoffice-test", "OTEL_BSP_SCHEDULE_DELAY": "100",
           "LOG_LEVEL": "WARNING"}
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen([sys.executable, "-m", "backoffice.cli", "serve", "--port", str(port),
                               "--host", "127.0.0.1"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, \
                (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        answer = httpx.post(f"{base}/graphql", json={"query": "query WhoAmI { me { email } }"}, timeout=30)
        assert answer.status_code == 200
        deadline = time.monotonic() + 30
        while not any(name == "POST /graphql" for name, _, _ in spans()):
            assert time.monotonic() < deadline, spans()
            time.sleep(0.2)
        time.sleep(0.5)
        received = spans()
        names = {name for name, _, _ in received}
        server_span = next(attrs for name, attrs, _ in received if name == "POST /graphql")
        assert server_span.get("http.status_code") == 200 or server_span.get("http.response.status_code") == 200
        assert all(resource.get("service.name") == "backoffice-test" for _, _, resource in received)
        # Strawberry's spans name the operation.
        assert any("WhoAmI" in name for name in names), names
        # Health checks are not traced.
        assert not any("/health" in name for name in names), names
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        collector.shutdown()
