"""The user guide shipped with xzdesk (resources/help/*.md, Chinese), shown offline."""
