"""Subcommands of the `xzdesk` command line. Every module here exposes
`register(subparsers)`, adds its parser and sets `func=handler(args) -> int`. Modules starting
with an underscore are helpers, not commands."""
