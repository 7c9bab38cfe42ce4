"""infra/Dockerfile and the build context it sees through .dockerignore, read as text: no Docker
needed. The image itself is built by `docker build -f infra/Dockerfile .`."""

from __future__ import annotations

import json
import shlex
import subprocess
import tomllib

import pytest
from infra_files import ROOT, DockerIgnore, Stage, dockerfile_stages

ARGS, STAGES = dockerfile_stages()


def stage(name: str) -> Stage:
    return next(s for s in STAGES if s.name == name)


def runtime() -> Stage:
    return STAGES[-1]


def env_of(s: Stage) -> dict[str, str]:
    env: dict[str, str] = {}
    for args in s.all("ENV"):
        for item in shlex.split(args):
            key, _, value = item.partition("=")
            env[key] = value
    return env


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list), f"use the exec form: {args}"
    return value


def copies(s: Stage) -> list[tuple[list[str], str]]:
    """(sources, destination) of each COPY from the build context."""
    out = []
    for args in s.all("COPY"):
        parts = shlex.split(args)
        if any(p.startswith("--from=") for p in parts):
            continue
        paths = [p for p in parts if not p.startswith("--")]
        out.append((paths[:-1], paths[-1]))
    return out


def test_stages_node_20_then_python_3_11() -> None:
    assert [s.name for s in STAGES] == ["web", "python-build", "runtime"]
    assert stage("web").base.startswith("node:20")
    assert stage("python-build").base.startswith("python:3.11")
    assert runtime().base == stage("python-build").base, "the venv is copied between them"
    assert "slim" in runtime().base


def test_the_web_app_is_built_with_npm_ci_and_served_from_frontend_dist() -> None:
    runs = " && ".join(stage("web").all("RUN"))
    assert "npm ci" in runs and "npm run build" in runs
    sources = [src for srcs, _ in copies(stage("web")) for src in srcs]
    assert "docs/schema.graphql" in sources, "the build generates types from the schema"
    env = env_of(runtime())
    copied = [args for args in runtime().all("COPY") if "--from=web" in args]
    assert copied and shlex.split(copied[0])[-1] == env["FRONTEND_DIST"]


def test_the_wheel_carries_every_package_hatch_lists() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    copied = {src.rstrip("/") for srcs, _ in copies(stage("python-build")) for src in srcs}
    for package in packages:
        assert package.split("/")[0] in copied, f"{package} is not in the wheel's build stage"
    plugins = pyproject["project"]["entry-points"]["backoffice.plugins"].values()
    names = {p.rsplit("/", 1)[-1] for p in packages}
    assert set(plugins) <= names, "every bundled plugin must be in the wheel"
    runs = " ".join(stage("python-build").all("RUN"))
    assert "pip wheel" in runs and "export-schema" in runs
    for plugin in plugins:
        assert plugin in runs, f"the build's import check misses {plugin}"


def test_runs_as_a_non_root_user() -> None:
    user = runtime().all("USER")[-1]
    uid, _, gid = user.partition(":")
    assert uid.isdigit() and int(uid) != 0, "a numeric uid lets Kubernetes check runAsNonRoot"
    assert gid.isdigit() and int(gid) != 0


def test_production_environment() -> None:
    env = env_of(runtime())
    assert env["BACKOFFICE_ENV"] == "production"
    assert env["PATH"].startswith("/opt/venv/bin")
    assert env["PYTHONDONTWRITEBYTECODE"] == "1", "the root filesystem may be read-only"
    # piccolo imports black, which resolves ~/.cache at import: HOME must exist and be writable
    assert env["HOME"] == "/tmp"


def test_healthcheck_and_default_command() -> None:
    (healthcheck,) = runtime().all("HEALTHCHECK")
    assert "/health" in healthcheck and "--interval" in healthcheck
    assert exec_form(runtime().all("CMD")[-1]) == ["backoffice", "serve", "--host", "0.0.0.0"]
    assert not runtime().all("ENTRYPOINT"), "`docker run IMAGE backoffice worker` must work"
    assert "8000" in runtime().all("EXPOSE")[-1]


# --- .dockerignore --------------------------------------------------------------------------

def tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return out.splitlines()


def test_the_context_keeps_what_the_dockerfile_copies() -> None:
    ignore = DockerIgnore()
    sources = {src.rstrip("/") for s in STAGES for srcs, _ in copies(s) for src in srcs}
    assert sources >= {"pyproject.toml", "README.md", "platform", "plugins", "frontend",
                       "docs/schema.graphql"}
    for source in sources:
        assert not ignore.excluded(source), f"{source} is copied but .dockerignore drops it"
    for path in tracked_files():
        if any(path == s or path.startswith(s + "/") for s in sources):
            assert not ignore.excluded(path), f"{path} is needed but .dockerignore drops it"


@pytest.mark.parametrize("path", [
    ".git/config", ".venv/bin/python", ".venv-test/bin/python", "frontend/node_modules/x.js",
    "frontend/dist/index.html", "frontend/src/gql/graphql.ts", "infra/.env", "tests/conftest.py",
    "docs/operations.md", "platform/backoffice/__pycache__/app.cpython-311.pyc",
    "var/backoffice.sqlite3",
])
def test_the_context_leaves_out_local_state_and_secrets(path: str) -> None:
    assert DockerIgnore().excluded(path)
