"""Translation beyond one process: a Ray actor pool sharing one translation memory.

Requires the ``cluster`` extra (``pip install 'dragoman[cluster]'``, i.e. ``ray``); importing this
package does not import Ray.
"""

from __future__ import annotations

from translate.cluster.ray_engine import ClusterOptions, ClusterResult, start_ray, translate_on_ray

__all__ = ["ClusterOptions", "ClusterResult", "start_ray", "translate_on_ray"]
