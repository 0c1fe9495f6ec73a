"""报表: statistics, rights requests, retention review, audit log."""
