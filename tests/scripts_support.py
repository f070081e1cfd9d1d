"""Import a script from scripts/, which is not a package, as the tests of its functions need."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.paths import REPO

SCRIPTS = REPO / "scripts"


def load_script(name: str) -> ModuleType:
    """The module of scripts/NAME.py. Its folder is on the path while it loads, as when it is run from there
    (eval_claims imports eval_quotes); the module is registered before it runs, as `import` does: dataclasses
    look their module up while the class is built."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module
