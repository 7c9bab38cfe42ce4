"""The Kubernetes manifests in infra/k8s.

Each object is validated, strictly (unknown fields are errors), against the Kubernetes API's
JSON schemas that the kubernetes-validate package ships, so nothing is fetched. Then the
properties that matter for this service: non-root pods, probes, graceful termination, the
owner role for migrations only, the application role for serving, no secrets in ConfigMaps.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
from infra_files import K8S, dockerfile_stages, env_of, k8s_documents, pod_spec

# The oldest Kubernetes these manifests are meant for, and the newest schemas installed.
OLDEST_KUBERNETES = "1.29"
KUBERNETES_VERSIONS = sorted({OLDEST_KUBERNETES, kubernetes_validate.latest_version()})

DOCS = k8s_documents()
NAMESPACE = "backoffice"
UVICORN_GRACEFUL_SHUTDOWN_SECONDS = 20  # backoffice serve: timeout_graceful_shutdown
SENSITIVE_KEY = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|(^|_)KEY$", re.I)
PLACEHOLDER = "CHANGE-ME"


def by_kind() -> dict[str, list[dict[str, Any]]]:
    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, doc in DOCS:
        kinds[doc["kind"]].append(doc)
    return kinds


def one(kind: str, name: str) -> dict[str, Any]:
    matches = [d for d in by_kind()[kind] if d["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
    return matches[0]


def workloads() -> list[dict[str, Any]]:
    kinds = by_kind()
    return kinds["Deployment"] + kinds["Job"]


def containers(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(obj)
    return spec.get("initContainers", []) + spec["containers"]


def only_container(obj: dict[str, Any]) -> dict[str, Any]:
    (container,) = pod_spec(obj)["containers"]
    return container


def api() -> dict[str, Any]:
    return one("Deployment", "backoffice-api")


def worker() -> dict[str, Any]:
    return one("Deployment", "backoffice-worker")


def migrate_job() -> dict[str, Any]:
    return one("Job", "backoffice-migrate")


def _id(item: tuple[Any, dict[str, Any]]) -> str:
    path, doc = item
    return f"{path.name}:{doc['kind']}/{doc['metadata']['name']}"


# --- Schema ---------------------------------------------------------------------------------

def test_the_manifests_are_there() -> None:
    kinds = {doc["kind"] for _, doc in DOCS}
    assert {"Namespace", "ServiceAccount", "ConfigMap", "Secret", "Deployment", "Job", "Service",
            "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds
    assert {d["metadata"]["name"] for d in by_kind()["Deployment"]} == {
        "backoffice-api", "backoffice-worker"}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("item", DOCS, ids=[_id(d) for d in DOCS])
def test_valid_against_the_kubernetes_schema(item: tuple[Any, dict[str, Any]],
                                             version: str) -> None:
    path, doc = item
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as exc:
        where = ".".join(str(p) for p in exc.path)
        pytest.fail(f"{path.name}: {doc['kind']}/{doc['metadata']['name']} is not valid for "
                    f"Kubernetes {exc.version}: {where}: {exc.message}")
    except kubernetes_validate.SchemaNotFoundError as exc:
        pytest.fail(f"{path.name}: {exc.message}")


def test_the_schema_check_catches_a_misspelt_field() -> None:
    broken = copy.deepcopy(api())
    container = only_container(broken)
    container["livenesProbe"] = container.pop("livenessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, OLDEST_KUBERNETES, strict=True)


def test_every_object_is_in_the_backoffice_namespace() -> None:
    for path, doc in DOCS:
        if doc["kind"] == "Namespace":
            assert doc["metadata"]["name"] == NAMESPACE
        else:
            assert doc["metadata"].get("namespace") == NAMESPACE, f"{_id((path, doc))}"


# --- Pods -----------------------------------------------------------------------------------

def image_uid() -> int:
    _, stages = dockerfile_stages()
    user = stages[-1].all("USER")[-1]
    return int(user.split(":")[0])


@pytest.mark.parametrize("name", ["backoffice-api", "backoffice-worker", "backoffice-migrate"])
def test_pods_run_as_non_root_without_privileges(name: str) -> None:
    obj = next(w for w in workloads() if w["metadata"]["name"] == name)
    spec = pod_spec(obj)
    pod = spec["securityContext"]
    assert pod["runAsNonRoot"] is True
    assert pod["runAsUser"] == image_uid() != 0
    assert pod.get("runAsGroup", 0) != 0
    assert pod["seccompProfile"]["type"] == "RuntimeDefault"
    assert spec.get("automountServiceAccountToken") is False
    assert not spec.get("hostNetwork") and not spec.get("hostPID") and not spec.get("hostIPC")
    for container in containers(obj):
        sc = container["securityContext"]
        assert sc.get("runAsNonRoot", True) is True
        assert sc.get("runAsUser", pod["runAsUser"]) != 0
        assert sc["allowPrivilegeEscalation"] is False
        assert sc.get("privileged", False) is False
        assert sc["readOnlyRootFilesystem"] is True
        assert sc["capabilities"]["drop"] == ["ALL"]
        assert not sc["capabilities"].get("add")


@pytest.mark.parametrize("name", ["backoffice-api", "backoffice-worker", "backoffice-migrate"])
def test_a_read_only_root_still_has_a_writable_tmp(name: str) -> None:
    obj = next(w for w in workloads() if w["metadata"]["name"] == name)
    volumes = {v["name"]: v for v in pod_spec(obj).get("volumes", [])}
    for container in containers(obj):
        mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
        assert "/tmp" in mounts, f"{name}/{container['name']}: no writable /tmp"
        assert "emptyDir" in volumes[mounts["/tmp"]["name"]]


@pytest.mark.parametrize("name", ["backoffice-api", "backoffice-worker", "backoffice-migrate"])
def test_containers_have_requests_and_limits(name: str) -> None:
    obj = next(w for w in workloads() if w["metadata"]["name"] == name)
    for container in containers(obj):
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), container["name"]
        assert "memory" in resources["limits"], container["name"]


def test_one_pinned_image_everywhere() -> None:
    images = {c["image"] for w in workloads() for c in containers(w)}
    assert len(images) == 1, f"api, worker and migrate must run the same image: {images}"
    (image,) = images
    name = image.rsplit("/", 1)[-1]
    assert "@sha256:" in image or (":" in name and not name.endswith(":latest")), (
        f"pin a version or a digest, not {image}")


def test_commands() -> None:
    assert only_container(api())["command"][:2] == ["backoffice", "serve"]
    assert only_container(worker())["command"] == ["backoffice", "worker"]
    assert only_container(migrate_job())["command"] == ["backoffice", "migrate"]


# --- Probes and termination -----------------------------------------------------------------

def test_api_liveness_is_health_and_readiness_is_ready() -> None:
    container = only_container(api())
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["http"] == 8000
    for probe, path in (("livenessProbe", "/health"), ("readinessProbe", "/ready"),
                        ("startupProbe", "/health")):
        get = container[probe]["httpGet"]
        assert get["path"] == path, probe
        assert get["port"] in ("http", 8000), probe
    readiness, liveness = container["readinessProbe"], container["livenessProbe"]
    assert readiness["periodSeconds"] <= liveness["periodSeconds"]


def test_api_shuts_down_gracefully() -> None:
    spec = pod_spec(api())
    container = only_container(api())
    sleep = container["lifecycle"]["preStop"]["exec"]["command"]
    assert sleep[0] == "sleep"
    assert spec["terminationGracePeriodSeconds"] > int(sleep[1]) + UVICORN_GRACEFUL_SHUTDOWN_SECONDS


def test_worker_has_time_to_hand_back_its_jobs() -> None:
    assert pod_spec(worker())["terminationGracePeriodSeconds"] >= 30


def test_rollouts_never_drop_below_the_current_capacity() -> None:
    for deployment in (api(), worker()):
        strategy = deployment["spec"]["strategy"]
        assert strategy["type"] == "RollingUpdate"
        assert strategy["rollingUpdate"]["maxUnavailable"] == 0


def test_migrate_job_runs_once_and_never_in_parallel() -> None:
    spec = migrate_job()["spec"]
    assert spec.get("parallelism", 1) == 1 and spec.get("completions", 1) == 1
    assert pod_spec(migrate_job())["restartPolicy"] == "Never"
    assert "activeDeadlineSeconds" in spec


# --- Database roles and secrets -------------------------------------------------------------

def secret_ref(env: dict[str, Any]) -> tuple[str, str]:
    ref = env["valueFrom"]["secretKeyRef"]
    return ref["name"], ref["key"]


def secret_value(name: str, key: str) -> str:
    secret = one("Secret", name)
    return secret.get("stringData", {})[key]


def config() -> dict[str, str]:
    return one("ConfigMap", "backoffice-config")["data"]


def test_the_migrate_job_connects_as_the_owner_role() -> None:
    env = env_of(only_container(migrate_job()))
    assert "DATABASE_OWNER_URL" in env
    assert "DATABASE_URL" not in env, "the Job must not fall back to another role"
    name, key = secret_ref(env["DATABASE_OWNER_URL"])
    owner = urlsplit(secret_value(name, key)).username
    assert owner and owner != config()["DATABASE_APP_ROLE"]
    assert config()["DATABASE_APP_ROLE"], "migrate grants the app role its privileges"


@pytest.mark.parametrize("name", ["backoffice-api", "backoffice-worker"])
def test_deployments_connect_as_the_app_role_and_never_see_the_owner(name: str) -> None:
    deployment = one("Deployment", name)
    container = only_container(deployment)
    env = env_of(container)
    assert "DATABASE_OWNER_URL" not in env
    secret, key = secret_ref(env["DATABASE_URL"])
    assert urlsplit(secret_value(secret, key)).username == config()["DATABASE_APP_ROLE"]
    owner_secrets = {d["metadata"]["name"] for d in by_kind()["Secret"]
                     if "DATABASE_OWNER_URL" in d.get("stringData", {})}
    used = {secret_ref(e)[0] for e in env.values() if "secretKeyRef" in e.get("valueFrom", {})}
    used |= {s["secretRef"]["name"] for s in container.get("envFrom", []) if "secretRef" in s}
    assert not used & owner_secrets, f"{name} must not reach the owner's Secret"
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            data = one("ConfigMap", source["configMapRef"]["name"])["data"]
            assert "DATABASE_OWNER_URL" not in data and "DATABASE_URL" not in data


def test_every_reference_resolves() -> None:
    for obj in workloads():
        for container in containers(obj):
            for env in container.get("env", []):
                ref = env.get("valueFrom", {})
                for kind, field in (("Secret", "secretKeyRef"), ("ConfigMap", "configMapKeyRef")):
                    if field in ref:
                        target = one(kind, ref[field]["name"])
                        keys = set(target.get("stringData", {})) | set(target.get("data", {}))
                        assert ref[field].get("optional") or ref[field]["key"] in keys, (
                            f"{obj['metadata']['name']}: {env['name']} -> {ref[field]}")
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    one("ConfigMap", source["configMapRef"]["name"])
                if "secretRef" in source:
                    one("Secret", source["secretRef"]["name"])
        service_account = pod_spec(obj).get("serviceAccountName")
        if service_account:
            one("ServiceAccount", service_account)


def test_no_secret_values_in_configmaps() -> None:
    for configmap in by_kind()["ConfigMap"]:
        for key, value in (configmap.get("data") or {}).items():
            assert not SENSITIVE_KEY.search(key), f"{key} belongs in a Secret"
            assert "://" not in value or urlsplit(value).password is None, (
                f"{key} carries a credential: it belongs in a Secret")
            assert key not in {"DATABASE_URL", "DATABASE_OWNER_URL", "REDIS_URL"}, (
                f"{key} may carry a password: it belongs in a Secret")


def test_secrets_hold_placeholders_only() -> None:
    for secret in by_kind()["Secret"]:
        assert "data" not in secret, "no encoded values: stringData placeholders only"
        for key, value in secret.get("stringData", {}).items():
            assert value == "" or PLACEHOLDER in value, (
                f"{secret['metadata']['name']}.{key} must be a {PLACEHOLDER} placeholder")


def test_the_secret_key_placeholder_is_long_enough_to_show_the_rule() -> None:
    assert len(secret_value("backoffice-app", "SECRET_KEY")) >= 32


def test_production_settings() -> None:
    assert config()["BACKOFFICE_ENV"] == "production"
    assert config()["BASE_URL"].startswith("https://")


# --- Service, Ingress, autoscaling, disruption ------------------------------------------------

def pod_labels(obj: dict[str, Any]) -> dict[str, str]:
    return obj["spec"]["template"]["metadata"]["labels"]


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def test_each_deployment_selector_matches_its_own_pods_only() -> None:
    api_selector = api()["spec"]["selector"]["matchLabels"]
    worker_selector = worker()["spec"]["selector"]["matchLabels"]
    api_pods, worker_pods = pod_labels(api()), pod_labels(worker())
    assert selects(api_selector, api_pods) and not selects(api_selector, worker_pods)
    assert selects(worker_selector, worker_pods) and not selects(worker_selector, api_pods)


def test_the_service_sends_traffic_to_the_api_pods() -> None:
    service = one("Service", "backoffice-api")
    assert selects(service["spec"]["selector"], pod_labels(api()))
    assert not selects(service["spec"]["selector"], pod_labels(worker()))
    container_ports = {p["name"] for p in only_container(api())["ports"]}
    for port in service["spec"]["ports"]:
        assert port["targetPort"] in container_ports or port["targetPort"] == 8000


def test_the_ingress_reaches_the_service_and_matches_base_url() -> None:
    ingress = one("Ingress", "backoffice")
    service = one("Service", "backoffice-api")
    port_names = {p["name"] for p in service["spec"]["ports"]}
    hosts = set()
    for rule in ingress["spec"]["rules"]:
        hosts.add(rule["host"])
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == "backoffice-api"
            assert backend["port"].get("name") in port_names or "number" in backend["port"]
    assert urlsplit(config()["BASE_URL"]).hostname in hosts
    assert ingress["spec"]["tls"], "TLS ends at the ingress"


def test_the_autoscaler_owns_the_api_replica_count() -> None:
    hpa = one("HorizontalPodAutoscaler", "backoffice-api")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", "backoffice-api")
    assert hpa["spec"]["minReplicas"] >= 2
    assert "replicas" not in api()["spec"], "let the HorizontalPodAutoscaler set it"
    assert only_container(api())["resources"]["requests"]["cpu"], "CPU utilisation needs a request"


def test_disruption_budgets_cover_both_deployments() -> None:
    budgets = by_kind()["PodDisruptionBudget"]
    for deployment in (api(), worker()):
        matching = [b for b in budgets
                    if selects(b["spec"]["selector"]["matchLabels"], pod_labels(deployment))]
        assert len(matching) == 1, deployment["metadata"]["name"]
    api_budget = one("PodDisruptionBudget", "backoffice-api")["spec"]
    hpa = one("HorizontalPodAutoscaler", "backoffice-api")["spec"]
    assert api_budget.get("minAvailable", 0) < hpa["minReplicas"], "a drain must be possible"


def test_manifest_directory_holds_only_manifests() -> None:
    names = {p.name for p in K8S.iterdir()}
    assert names and all(n.endswith((".yaml", ".yml")) for n in names), names
