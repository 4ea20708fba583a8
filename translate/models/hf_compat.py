"""Names in the transformers API that changed between its 5.x releases, resolved once per model class.

transformers 5.24 renamed the key/value cache argument and output field of every model's ``forward``
from ``past_key_values`` to ``cache`` and warns on each call that uses the old name (the old name goes
in 5.40). Dragoman runs its own decoding loop (``translate.decoding.constrained_decoding``), so it passes
the cache itself: under the name that the installed release declares, so that both the locked release
and the newest one run without a warning.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

NEW_CACHE_NAME = "cache"
OLD_CACHE_NAME = "past_key_values"


@cache
def cache_argument_name(model_class: type) -> str:
    """``"cache"`` where ``model_class.forward`` declares it, else ``"past_key_values"``."""
    parameters = inspect.signature(model_class.forward).parameters
    return NEW_CACHE_NAME if NEW_CACHE_NAME in parameters else OLD_CACHE_NAME


def cache_kwargs(model: Any, past: Any) -> dict[str, Any]:
    """Keyword arguments that hand ``past`` (None on the first step) to ``model``'s forward."""
    return {cache_argument_name(type(model)): past}


def returned_cache(output: Any) -> Any:
    """The key/value cache in a model output, whichever name the installed release gives it."""
    current = getattr(output, NEW_CACHE_NAME, None)
    return current if current is not None else getattr(output, OLD_CACHE_NAME, None)
