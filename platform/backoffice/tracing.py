"""OpenTelemetry tracing, when configured.

Tracing is on when ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``)
is set; it then needs the ``otel`` extra (``pip install 'backoffice[otel]'``). Spans go by
OTLP over HTTP to that collector, configured by the standard ``OTEL_*`` variables
(``OTEL_SERVICE_NAME``, ``OTEL_EXPORTER_OTLP_HEADERS``, ``OTEL_TRACES_SAMPLER`` ...). Each
HTTP request is a server span (Litestar's OpenTelemetry middleware); each GraphQL operation
adds spans for parsing, validation and execution (Strawberry's extension), named after the
operation. Health checks and metrics scrapes are not traced.
"""

from __future__ import annotations

import os
from typing import Any

from backoffice.settings import SettingsError

_provider: Any = None

_UNTRACED = ["/health", "/ready", "/metrics"]


def enabled() -> bool:
    return bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
                or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


def _provider_once() -> Any:
    """The process's tracer provider, exporting in batches to the configured collector."""
    global _provider
    if _provider is None:
        try:
            from opentelemetry import trace  # noqa: PLC0415
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
                OTLPSpanExporter,
            )
            from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
            from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
            from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415
        except ImportError as exc:
            raise SettingsError(
                "OTEL_EXPORTER_OTLP_ENDPOINT is set, but OpenTelemetry is not installed: "
                "install the 'otel' extra (pip install 'backoffice[otel]') or unset it."
            ) from exc
        from backoffice import __version__  # noqa: PLC0415

        resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "backoffice"),
                                    "service.version": __version__})
        provider = TracerProvider(resource=resource)
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
        _provider = provider
    return _provider


def litestar_plugins() -> list[Any]:
    """The Litestar plugin that opens a server span per request, when tracing is on."""
    if not enabled():
        return []
    provider = _provider_once()
    from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin  # noqa: PLC0415

    return [OpenTelemetryPlugin(OpenTelemetryConfig(tracer_provider=provider, exclude=_UNTRACED))]


def schema_extensions() -> list[Any]:
    """Strawberry's spans for each GraphQL operation, when tracing is on."""
    if not enabled():
        return []
    _provider_once()
    from strawberry.extensions.tracing import OpenTelemetryExtension  # noqa: PLC0415

    return [OpenTelemetryExtension]


def shutdown() -> None:
    """Send the spans still waiting in the batch before the process ends."""
    if _provider is not None:
        _provider.shutdown()
