# tonghop (Debian package): the nightly run at 02:15 as the system user "tonghop", in the workspace
# /var/lib/tonghop, for the periods open that day, with a dated log in outputs/logs/ (kept 90 days).
# The test keeps the job of a removed (not purged) package from failing every night.
SHELL=/bin/sh
PATH=/usr/bin:/bin
15 2 * * * tonghop test -x /usr/bin/tonghop && mkdir -p /var/lib/tonghop/outputs/logs && /usr/bin/tonghop --root /var/lib/tonghop run >>/var/lib/tonghop/outputs/logs/$(date +\%F).log 2>&1
45 2 * * 0 tonghop test -d /var/lib/tonghop/outputs/logs && find /var/lib/tonghop/outputs/logs -name '*.log' -type f -mtime +90 -delete
