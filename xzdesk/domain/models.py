"""Imports every ORM model so Base.metadata knows all tables (migrations, tests, sync registry).

Each area adds its models module here.
"""

from __future__ import annotations

from xzdesk.domain.checkin import models as checkin  # noqa: F401
from xzdesk.domain.events import models as events  # noqa: F401
from xzdesk.domain.introductions import models as introductions  # noqa: F401
from xzdesk.domain.members import models as members  # noqa: F401
from xzdesk.domain.privacy import (
    audit,  # noqa: F401
    rights,  # noqa: F401
)
from xzdesk.domain.staff import models as staff  # noqa: F401
from xzdesk.domain.store import models as store  # noqa: F401
from xzdesk.domain.store import sync_state  # noqa: F401
