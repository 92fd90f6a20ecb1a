# tonghop (Debian package): the nightly run at 02:15 as the system user "tonghop", in the workspace
# /var/lib/tonghop, for the periods open that day. Output goes to the system log: journalctl -t tonghop.
SHELL=/bin/sh
PATH=/usr/bin:/bin
# The test keeps a job of a removed (not purged) package from failing every night.
15 2 * * * tonghop test -x /usr/bin/tonghop && /usr/bin/tonghop --root /var/lib/tonghop --quiet run 2>&1 | /usr/bin/logger -t tonghop
