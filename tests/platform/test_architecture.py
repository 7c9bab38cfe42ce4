"""The layout and dependency rules of the architecture, checked on the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = sorted(p for p in (ROOT / "plugins").iterdir() if p.is_dir() and p.name.startswith("backoffice_"))
EXAMPLE = ROOT / "tests" / "example_plugin"


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "backoffice":  # `from backoffice import sdk`
                found += [(f"backoffice.{a.name}", node.lineno) for a in node.names]
            else:
                found.append((node.module, node.lineno))
    return found


def _python_files(*roots: Path) -> list[Path]:
    return [p for r in roots if r.exists() for p in r.rglob("*.py")]


def test_plugins_import_only_the_sdk_from_the_core():
    offenders = []
    for path in _python_files(*PLUGINS, EXAMPLE):
        for module, line in _imports(path):
            if module == "backoffice" or (module.startswith("backoffice.") and module != "backoffice.sdk"):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_plugins_never_import_each_other():
    names = {p.name for p in PLUGINS} | {"backoffice_example"}
    offenders = []
    for plugin in [*PLUGINS, EXAMPLE / "backoffice_example"]:
        own = plugin.name
        for path in _python_files(plugin):
            for module, line in _imports(path):
                top = module.split(".")[0]
                if top in names and top != own:
                    offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_the_core_never_imports_a_plugin():
    offenders = []
    for path in _python_files(ROOT / "platform" / "backoffice"):
        for module, line in _imports(path):
            if module.split(".")[0].startswith("backoffice_"):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_no_package_named_platform():
    assert not (ROOT / "platform" / "__init__.py").exists()
    import platform

    assert hasattr(platform, "python_version")  # still the standard library


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_plugin_has_the_same_shape():
    for plugin in PLUGINS:
        assert (plugin / "__init__.py").exists(), plugin
