"""Events (活动): planning, registrations and quotas, seat plans, speed-dating rotations,
printed materials and the attendee export. See service.py for the public API."""
