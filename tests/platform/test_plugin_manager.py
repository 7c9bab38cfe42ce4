"""Start-up refuses a broken plugin with a message that names it."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from backoffice.modules.manager import PluginError, load_registry

BROKEN = {
    "duplicate_key": "module key 'hr' is already used",
    "field_collision": "query field 'tenant' is already defined by module 'core'",
    "type_collision": "GraphQL type 'Tenant' is already defined by module 'core'",
    "bad_permission": "permission 'core.user.manage' must start with 'sneaky.'",
    "missing_dependency": "depends on module 'warehouse_robots', which is not installed",
    "misspelled_hook": "register_permisions",
    "unguarded_field": "query field 'open_secrets' names no permission",
    "no_manifest": "register_module must return a ModuleManifest",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_plugin_is_refused_with_its_name(name):
    module = importlib.import_module(f"sample_plugins.{name}")
    with pytest.raises(PluginError) as info:
        load_registry([module])
    assert f"sample_plugins.{name}" in str(info.value)
    assert BROKEN[name] in str(info.value)


def test_a_valid_set_of_plugins_loads_in_dependency_order():
    registry = load_registry()
    keys = registry.keys
    assert keys[0] == "core"
    for m in registry:
        for dep in m.manifest.depends_on:
            assert keys.index(dep) < keys.index(m.key)


def test_the_cli_refuses_to_start_with_a_broken_plugin():
    env = {**os.environ, "BACKOFFICE_PLUGINS": "sample_plugins.field_collision",
           "PYTHONPATH": os.path.dirname(os.path.dirname(__file__))}
    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "export-schema", "-o", "-"],
                            capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "sample_plugins.field_collision" in result.stderr
    assert "Traceback" not in result.stderr
