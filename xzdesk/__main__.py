import sys

from xzdesk.cli import main

sys.exit(main())
