# syntax=docker/dockerfile:1
# Production image of Veilig Opgroeien. One image, three roles (see docker-compose.yml):
#   web     gunicorn portal.wsgi:application   (the default CMD)
#   worker  celery -A portal worker
#   beat    celery -A portal beat
# Settings come from environment variables only (see .env.example).
ARG PYTHON_IMAGE=python:3.11-slim

# ---------------------------------------------------------------------------------------------
# Stage 1: dependencies in a virtualenv, translations compiled, static files collected.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

# Dependencies first, so that a change to the code does not reinstall them. pyproject.toml has
# `packages = []`: `pip install .` installs only the pinned dependencies (no dev extras); the code
# itself runs from /app.
WORKDIR /tmp/project
COPY pyproject.toml requirements.lock ./
RUN pip install -c requirements.lock . \
    && rm -rf /tmp/project

WORKDIR /app
COPY . .

# Compile the translation catalogues (Babel: no GNU gettext needed) and collect the static files
# for whitenoise (CompressedManifestStaticFilesStorage). The secret key exists only for this
# build step; it is not kept in the image.
RUN pybabel compile --use-fuzzy -d locale -D django \
    && DJANGO_SECRET_KEY=build-only-dummy-key-not-used-at-runtime \
       DJANGO_STATIC_ROOT=/app/var/static \
       python manage.py collectstatic --noinput \
    && python -m compileall -q /app

# ---------------------------------------------------------------------------------------------
# Stage 2: runtime, without build leftovers; runs as an unprivileged user.
# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=portal.settings \
    DJANGO_STATIC_ROOT=/app/var/static \
    DJANGO_MEDIA_ROOT=/app/var/media \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin portal

COPY --from=build /opt/venv /opt/venv
# Code and collected static files stay owned by root: the app user can read but not change them.
COPY --from=build /app /app

# Writable places for the app user only: private uploads (mount a volume on /app/var/media, shared
# by web and worker) and the Celery beat schedule (/app/var/beat).
RUN mkdir -p /app/var/media /app/var/beat \
    && chown portal:portal /app/var /app/var/media /app/var/beat \
    && chmod 0750 /app/var/media /app/var/beat

USER 10001:10001
WORKDIR /app
EXPOSE 8000

# The app's own health URL (it queries the database). python, not curl: slim has no curl. The Host
# header is the first of DJANGO_ALLOWED_HOSTS and X-Forwarded-Proto is https, so the check also
# passes with DEBUG off and HTTPS redirects on behind a TLS proxy; redirects are not followed.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import http.client,json,os; h=[x.strip().lstrip('.') for x in os.environ.get('DJANGO_ALLOWED_HOSTS','').split(',') if x.strip() and '*' not in x] or ['localhost']; c=http.client.HTTPConnection('127.0.0.1',8000,timeout=5); c.request('GET','/gezondheid/',headers={'Host':h[0],'X-Forwarded-Proto':'https'}); r=c.getresponse(); raise SystemExit(0 if r.status==200 and json.loads(r.read()).get('status')=='ok' else 1)"]

# Workers: WEB_CONCURRENCY (read by gunicorn), default 3. Access log and errors to stdout/stderr.
# No control socket (gunicorn >= 25.1 would put it in $HOME, which the app user cannot write).
CMD ["gunicorn", "portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--worker-tmp-dir", "/dev/shm", \
     "--no-control-socket", \
     "--access-logfile", "-", \
     "--error-logfile", "-"]
