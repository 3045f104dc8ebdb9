# Runner's Back production image: gunicorn serving Django with whitenoise for static files.
# Build: docker build -t runners-back .
# Run:   docker run -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=example.org \
#          -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... runners-back

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml ./
COPY config ./config
COPY conditions ./conditions
COPY exercises ./exercises
COPY triage ./triage
# Install the dependencies only; the code itself runs from /app in the final image.
RUN pip install . && pip uninstall --yes runners-back

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    PORT=8000
RUN useradd --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=app:app . .
# Static files are collected and compressed at build time; these two values exist only for
# this step (the running container must be given its own).
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
