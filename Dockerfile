# Runner's Back production images: gunicorn serving Django (target `web`, the default), and
# Debian's nginx in front of it with the collected static files (target `nginx`).
# Build: docker build -t runners-back .            (web)
#        docker build --target nginx -t runners-back-nginx .
# Run both with PostgreSQL and Redis: deploy/compose.yaml.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# The dependencies only, exactly as locked (versions and hashes: `make lock` writes the file);
# the code itself runs from /app in the final image.
COPY requirements.txt ./
RUN pip install -r requirements.txt

FROM python:3.11-slim AS web
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    PORT=8000
RUN useradd --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=app:app . .
# The release in every page-cache key (config/release.py), e.g. --build-arg RELEASE=$(git
# rev-parse --short HEAD); left empty, each process works it out from the files it runs.
ARG RELEASE=""
ENV RELEASE=$RELEASE
# Static files are collected and compressed at build time; these two values exist only for
# this step (the running container must be given its own).
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
 && mkdir -p /app/media && chown app:app /app/media
USER app
EXPOSE 8000
# /healthz answers within 2 s whatever has failed (503 without the database, 200 "degraded"
# without Redis), so 3 s is enough; a probe that times out counts as a failure.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2.5).status == 200 else 1)"
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]

# nginx: TLS, buffering and limits in front of gunicorn; serves /static/ from /srv/static, the
# uploads the app lets through from /srv/media (the media volume, read-only, in compose) and
# keeps anonymous public pages for a second in /var/cache/nginx/micro (a tmpfs in compose).
# deploy/nginx.conf names the site ${SITE_HOST}: deploy/nginx-start.sh writes in the SITE_HOST
# environment variable at each start, checks the result (nginx -t) and runs nginx.
FROM debian:bookworm-slim AS nginx
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx gettext-base \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/cache/nginx/micro
COPY deploy/nginx.conf /etc/nginx/nginx.conf.template
COPY deploy/nginx-start.sh /usr/local/bin/nginx-start.sh
COPY --from=web /app/staticfiles /srv/static
EXPOSE 80 443
CMD ["sh", "/usr/local/bin/nginx-start.sh"]

# The default target (`docker build .`) is the app.
FROM web
