"""How far apart two of Xuzhou's districts are: a small table of approximate centroids.

The matcher knows a member's district (GB/T 2260 code), never an address. Distances are
great-circle kilometres between the approximate centres of the districts' built-up areas
(public map coordinates, rounded to 0.01°); the same district is 0 km. A code not in the
table (another city, or unknown) has no distance: `district_km` returns None and the vectorised
form NaN, and the model sees an "unknown" flag instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

# code -> (latitude, longitude), approximate centre of the district's built-up area.
CENTROIDS: dict[str, tuple[float, float]] = {
    "320302": (34.29, 117.19),  # 鼓楼区
    "320303": (34.25, 117.23),  # 云龙区
    "320305": (34.44, 117.46),  # 贾汪区
    "320311": (34.24, 117.16),  # 泉山区
    "320312": (34.18, 117.17),  # 铜山区
    "320321": (34.70, 116.60),  # 丰县
    "320322": (34.72, 116.94),  # 沛县
    "320324": (33.91, 117.94),  # 睢宁县
    "320381": (34.37, 118.35),  # 新沂市
    "320382": (34.33, 117.96),  # 邳州市
    "320371": (34.27, 117.30),  # 徐州经济技术开发区
}
EARTH_KM = 6371.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def district_km(a: str, b: str) -> float | None:
    """Kilometres between two districts' centres (0 for the same known district), None if either
    is not in the table."""
    ca, cb = CENTROIDS.get(a), CENTROIDS.get(b)
    if ca is None or cb is None:
        return None
    return 0.0 if a == b else _km(ca, cb)


def distance_matrix(codes: Sequence[str]) -> np.ndarray:
    """(n, n) kilometres between the districts `codes` (e.g. a pool's district vocabulary, by
    index), NaN where either is unknown."""
    n = len(codes)
    out = np.full((n, n), np.nan)
    for i, a in enumerate(codes):
        for j, b in enumerate(codes):
            km = district_km(a, b)
            if km is not None:
                out[i, j] = km
    return out
