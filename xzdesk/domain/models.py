"""The model registry: imports every area's tables so `Base.metadata` and the sync registry
(`store.base.SYNC_REGISTRY`) know all of them.

The store never imports this module (it imports no area). Whatever needs every table imports it:
the composition root (`xzdesk.app_context`), the sync layer (`xzdesk.sync.registry`), backup
and restore (an erasure replayed on a restored copy must reach every table), the tests' store
fixture, and the developer tool below. Each area adds its models module here.

Developer tool: `python -m xzdesk.domain.models "events: x" --head events@head` writes a new
revision of the laptop's schema from the difference between these tables and the migrated
schema (each area has its own branch from 0001_initial: `--head 0001_initial --branch-label NEW`
starts one). Review the output: operations on other areas' tables must be removed.
"""

from __future__ import annotations

from xzdesk.domain.checkin import models as checkin  # noqa: F401
from xzdesk.domain.events import models as events  # noqa: F401
from xzdesk.domain.introductions import models as introductions  # noqa: F401
from xzdesk.domain.members import models as members  # noqa: F401
from xzdesk.domain.privacy import models as privacy  # noqa: F401
from xzdesk.domain.staff import models as staff  # noqa: F401
from xzdesk.domain.store import models as store  # noqa: F401
from xzdesk.domain.store import sync_state  # noqa: F401
from xzdesk.domain.store.base import Base

metadata = Base.metadata  # every table of the laptop's database

if __name__ == "__main__":  # pragma: no cover - developer tool
    import argparse

    from xzdesk.domain.store import migrate

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("message")
    parser.add_argument("--head", default="heads")
    parser.add_argument("--branch-label")
    args = parser.parse_args()
    migrate.autogenerate(migrate.MIGRATIONS, metadata, args.message, head=args.head, branch_label=args.branch_label)
