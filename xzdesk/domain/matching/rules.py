"""The matching rules for one pair, in plain Python: the specification.

`MatchPool`/`rank` compute the same things vectorised over the whole pool; tests check that
the two agree. Use these functions for a single pair (the "why not?" of a manual proposal) and
as the readable definition of every constant.

Satisfaction of A with B (`satisfaction(a, b)`) is in (0, 1]: a weighted geometric mean of
components, each 1 when B sits where A wants and falling smoothly away from it. Ages are exact
(years with a fraction, `MatchProfile.age_exact`) and districts have distances, so scores are
continuous and rarely tie:

- age: a bell 2**-z**2, z = (B's exact age - centre) / half-width of A's accepted ages; 0.5 at
  the edge. A range in whole years [min, max] accepts exact ages [min, max + 1). An open side
  defaults to A's own exact age -/+ AGE_SPAN (kept at least AGE_MIN_WIDTH wide; 2 * AGE_SPAN from
  the stated side when A's age is unknown), so a member without an age requirement prefers
  people near their age. B's age unknown, or no requirement and A's age unknown: 1.
- height: no height requirement, or B's height unknown: 1. A range: the bell (half-width at least
  HEIGHT_MIN_HALF cm). Only a minimum (maximum): logistic 1/(1 + 2**-(margin/HEIGHT_SLOPE)),
  0.5 at the limit, rising with the margin.
- education (ranks from codes.education_rank): B unknown: 1. A has a minimum: logistic of
  (margin + 1) levels (0.67 at exactly the minimum, 0.8 one level above). No minimum: closeness
  to A's own level, 2**-((diff / EDU_CLOSE)**2). Both unknown: 1.
- district: A lists districts: 1 inside, DISTRICT_OUTSIDE outside (only met outside the filters,
  e.g. for event pairs). No list: DISTRICT_OTHER + (1 - DISTRICT_OTHER) * 2**(-km / DISTRICT_HALF_KM)
  with km between the districts' centres (geo.py; 1 for the same district); a district not in
  the table: 1 if the same code, else DISTRICT_OTHER.

Each component's weight (w_age, w_height, w_education, w_district) is multiplied by how much
that requirement matters to A (`MatchProfile.importance`, OkCupid's question): IMPORTANCE_FACTOR
(not said: 1, irrelevant: 0, a little: 0.5, somewhat: 1, very: 2). A member who said nothing is
scored exactly as without importances.

Rule score of a pair = (1 - w_tags) * reciprocal(s_ab, s_ba) + w_tags * Jaccard(hobbies), where
the reciprocal mean is geometric (OkCupid) or harmonic (RECON). Fairness damping divides the score
of a candidate with `open` open proposals by (1 + damp_a * open) ** damp_b.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from xzdesk.domain.errors import FieldProblem, ValidationError
from xzdesk.domain.matching.geo import district_km
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.members.codes import MemberStatus

AGE_SPAN = 8
AGE_MIN_WIDTH = 4
AGE_MIN_HALF = 1.0
HEIGHT_SLOPE = 4.0
HEIGHT_MIN_HALF = 2.0
EDU_CLOSE = 2.0
DISTRICT_OTHER = 0.8
DISTRICT_OUTSIDE = 0.25
DISTRICT_HALF_KM = 20.0
COMPONENT_FLOOR = 1e-6
# Importance (members.codes.Importance) -> multiplier of the component's weight; None = not said.
IMPORTANCE_FACTOR: dict[int | None, float] = {None: 1.0, 0: 0.0, 1: 0.5, 2: 1.0, 3: 2.0}
# Satisfaction components and the requirement whose importance weighs each.
COMPONENTS: tuple[str, ...] = ("age", "height", "education", "district")

MEANS = ("geometric", "harmonic")


@dataclass(frozen=True)
class MatchWeights:
    """Tunable weights of the rule score (an administrator may adjust them; preview with rank).

    w_age/w_height/w_education/w_district weigh the components of one side's satisfaction;
    w_tags is the share of hobby similarity in the rule score; model_blend the share of the
    adopted model's reciprocal score once a model may rank (0 = rules only, 1 = model only, the
    default: the evaluation that let the model rank judged the model alone);
    damp_a/damp_b shape the fairness damping 1 / (1 + damp_a * open) ** damp_b.
    """

    mean: str = "geometric"
    w_age: float = 1.0
    w_height: float = 0.5
    w_education: float = 0.7
    w_district: float = 0.3
    w_tags: float = 0.25
    model_blend: float = 1.0
    damp_a: float = 0.2
    damp_b: float = 1.0

    def __post_init__(self) -> None:
        problems: list[FieldProblem] = []
        if self.mean not in MEANS:
            problems.append(FieldProblem("mean", "matching.weights.unknown_mean", allowed=list(MEANS)))
        for name in ("w_age", "w_height", "w_education", "w_district", "damp_a", "damp_b"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                problems.append(FieldProblem(name, "matching.weights.negative"))
        for name in ("w_tags", "model_blend"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value <= 1):
                problems.append(FieldProblem(name, "matching.weights.not_a_share"))
        if problems:
            raise ValidationError(problems)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchWeights:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


DEFAULT_WEIGHTS = MatchWeights()


# -- eligibility and hard filters ------------------------------------------------------------

class EligibilityFacts(Protocol):
    """What `ineligibility_reasons` reads: a MatchProfile, or a row read before the profile
    columns (queries.load_ranking_state builds profiles of the members who can take part only)."""

    @property
    def status(self) -> str: ...
    @property
    def verified(self) -> bool: ...
    @property
    def consent_matching(self) -> bool: ...
    @property
    def fraud_flag(self) -> bool: ...
    @property
    def sex(self) -> int: ...


def ineligibility_reasons(p: EligibilityFacts) -> tuple[str, ...]:
    """Why a member cannot take part in algorithmic matching at all (empty = eligible)."""
    reasons = []
    if p.status != MemberStatus.ACTIVE:
        reasons.append("paused" if p.status == MemberStatus.PAUSED else "not_active")
    if not p.verified:
        reasons.append("not_verified")
    if not p.consent_matching:
        reasons.append("no_matching_consent")
    if p.fraud_flag:
        reasons.append("fraud_flag")
    if p.sex not in (1, 2):
        reasons.append("sex_unknown")
    return tuple(reasons)


def requirement_problems(a: MatchProfile, b: MatchProfile) -> tuple[str, ...]:
    """Which of A's requirements B does not meet (empty = B fits A's requirements)."""
    out = []
    if (a.req_age_min is not None or a.req_age_max is not None) and (
        b.age is None
        or (a.req_age_min is not None and b.age < a.req_age_min)
        or (a.req_age_max is not None and b.age > a.req_age_max)
    ):
        out.append("age")
    if a.req_height_min is not None or a.req_height_max is not None:
        h = b.height_cm
        if (
            h is None
            or (a.req_height_min is not None and h < a.req_height_min)
            or (a.req_height_max is not None and h > a.req_height_max)
        ):
            out.append("height")
    if a.req_education_rank >= 0 and b.education_rank < a.req_education_rank:
        out.append("education")
    if a.req_marital and b.marital_status not in a.req_marital:
        out.append("marital")
    if not a.req_children_ok and b.has_children:
        out.append("children")
    if a.req_districts and b.district_code not in a.req_districts:
        out.append("district")
    return tuple(out)


def pair_problems(a: MatchProfile, b: MatchProfile) -> tuple[str, ...]:
    """Every hard-filter failure of the pair, as codes ("a.not_verified", "b_requires.age", ...).

    Does not know about introductions already made or blocks: those belong to the caller.
    """
    out = [f"a.{r}" for r in ineligibility_reasons(a)] + [f"b.{r}" for r in ineligibility_reasons(b)]
    if a.member_id == b.member_id:
        out.append("same_member")
    elif a.sex == b.sex:
        out.append("same_sex")
    out += [f"a_requires.{r}" for r in requirement_problems(a, b)]
    out += [f"b_requires.{r}" for r in requirement_problems(b, a)]
    return tuple(out)


# -- soft score ------------------------------------------------------------------------------

def _bell(z: float) -> float:
    return 2.0 ** (-(z * z))


def _logistic2(x: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-x))


def age_window(a: MatchProfile) -> tuple[float, float] | None:
    """(centre, half-width) of the exact ages A prefers; None when A states no age requirement
    and A's own age is unknown (no preference)."""
    own = a.age_exact
    if a.req_age_min is None and a.req_age_max is None:
        if own is None:
            return None
        lo, hi = own - AGE_SPAN, own + AGE_SPAN
    else:
        lo_r = None if a.req_age_min is None else float(a.req_age_min)
        hi_r = None if a.req_age_max is None else float(a.req_age_max + 1)  # whole years: [min, max + 1)
        if hi_r is None:
            assert lo_r is not None
            hi_r = lo_r + 2 * AGE_SPAN if own is None else max(own + AGE_SPAN, lo_r + AGE_MIN_WIDTH)
        if lo_r is None:
            lo_r = hi_r - 2 * AGE_SPAN if own is None else min(own - AGE_SPAN, hi_r - AGE_MIN_WIDTH)
        lo, hi = lo_r, hi_r
    return (lo + hi) / 2.0, max((hi - lo) / 2.0, AGE_MIN_HALF)


def _age_component(a: MatchProfile, b: MatchProfile) -> float:
    window = age_window(a)
    if window is None or b.age_exact is None:
        return 1.0
    mid, half = window
    return _bell((b.age_exact - mid) / half)


def _height_component(a: MatchProfile, b: MatchProfile) -> float:
    lo, hi, h = a.req_height_min, a.req_height_max, b.height_cm
    if h is None or (lo is None and hi is None):
        return 1.0
    if lo is not None and hi is not None:
        return _bell((h - (lo + hi) / 2.0) / max((hi - lo) / 2.0, HEIGHT_MIN_HALF))
    if lo is not None:
        return _logistic2((h - lo) / HEIGHT_SLOPE)
    assert hi is not None
    return _logistic2((hi - h) / HEIGHT_SLOPE)


def _education_component(a: MatchProfile, b: MatchProfile) -> float:
    rb, ra, rm = b.education_rank, a.education_rank, a.req_education_rank
    if rb < 0:
        return 1.0
    if rm >= 0:
        return _logistic2(rb - rm + 1)
    if ra >= 0:
        return _bell((rb - ra) / EDU_CLOSE)
    return 1.0


def _district_component(a: MatchProfile, b: MatchProfile) -> float:
    if a.req_districts:
        return 1.0 if b.district_code in a.req_districts else DISTRICT_OUTSIDE
    km = district_km(a.district_code, b.district_code)
    if km is None:
        return 1.0 if b.district_code == a.district_code else DISTRICT_OTHER
    return DISTRICT_OTHER + (1.0 - DISTRICT_OTHER) * 2.0 ** (-km / DISTRICT_HALF_KM)


def satisfaction_components(a: MatchProfile, b: MatchProfile) -> dict[str, float]:
    """A's satisfaction with B, per component, each in (0, 1]."""
    floor = COMPONENT_FLOOR
    return {
        "age": max(_age_component(a, b), floor),
        "height": max(_height_component(a, b), floor),
        "education": max(_education_component(a, b), floor),
        "district": max(_district_component(a, b), floor),
    }


def component_weights(a: MatchProfile, weights: MatchWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """The weight of each of A's satisfaction components: the administrator's weight times how
    much the requirement matters to A."""
    base = {"age": weights.w_age, "height": weights.w_height, "education": weights.w_education,
            "district": weights.w_district}  # fmt: skip
    return {k: w * IMPORTANCE_FACTOR[a.importance(k)] for k, w in base.items()}


def satisfaction(a: MatchProfile, b: MatchProfile, *, weights: MatchWeights = DEFAULT_WEIGHTS) -> float:
    """A's satisfaction with B in (0, 1]: weighted geometric mean of the components."""
    comp = satisfaction_components(a, b)
    ws = component_weights(a, weights)
    pairs = [(ws[k], comp[k]) for k in COMPONENTS]
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return 1.0
    return math.exp(sum(w * math.log(s) for w, s in pairs) / total)


def reciprocal(s_ab: float, s_ba: float, *, mean: str = "geometric") -> float:
    if mean == "harmonic":
        return 2.0 * s_ab * s_ba / (s_ab + s_ba)
    return math.sqrt(s_ab * s_ba)


def tag_similarity(a: MatchProfile, b: MatchProfile) -> float:
    """Jaccard similarity of the hobby sets (0 when both are empty)."""
    sa, sb = set(a.hobbies), set(b.hobbies)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0


def common_hobbies(a: MatchProfile, b: MatchProfile) -> tuple[str, ...]:
    """Hobbies both share, in A's order."""
    sb = set(b.hobbies)
    return tuple(t for t in a.hobbies if t in sb)


def rule_score(a: MatchProfile, b: MatchProfile, *, weights: MatchWeights = DEFAULT_WEIGHTS) -> float:
    """Symmetric rule score of a pair in (0, 1], before damping and without hard filters."""
    r = reciprocal(satisfaction(a, b, weights=weights), satisfaction(b, a, weights=weights), mean=weights.mean)
    return (1.0 - weights.w_tags) * r + weights.w_tags * tag_similarity(a, b)


def damping_factor(open_proposals: int, *, weights: MatchWeights = DEFAULT_WEIGHTS) -> float:
    """Multiplier in (0, 1] for a candidate with that many open proposals."""
    return 1.0 / (1.0 + weights.damp_a * max(0, open_proposals)) ** weights.damp_b
