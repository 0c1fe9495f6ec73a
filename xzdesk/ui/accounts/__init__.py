"""Who works on this computer: the first-run wizard, sign-in, passwords and the administrator's
accounts screen."""
