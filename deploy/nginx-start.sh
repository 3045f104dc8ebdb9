#!/bin/sh
# The nginx image's command (Dockerfile target `nginx`): write the SITE_HOST environment
# variable into deploy/nginx.conf (that one only: nginx's own $variables stay as they are),
# check the result and run nginx in the foreground.
set -eu
: "${SITE_HOST:?set SITE_HOST to the host name of the site, e.g. runnersback.example}"
case "$SITE_HOST" in
    *[!A-Za-z0-9.-]*)
        echo "SITE_HOST must be one host name (letters, digits, dots, hyphens): $SITE_HOST" >&2
        exit 1
        ;;
esac
envsubst '$SITE_HOST' < /etc/nginx/nginx.conf.template > /etc/nginx/nginx.conf
nginx -t -q
exec nginx -g 'daemon off;'
