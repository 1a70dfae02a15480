"""The production files (Dockerfile, docker-compose.yml, .env.example, .dockerignore) stay valid
and in step with the code.

No Docker engine runs here: the compose file is validated and normalised by Debian's
`docker-compose` (v1), the Dockerfile is checked as text, and the image's health check command
is run against a live server.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERIGNORE = ROOT / ".dockerignore"
SETTINGS = ROOT / "portal" / "settings.py"

APP_SERVICES = ("web", "worker", "beat")
# env.str("NAME", ...), env.bool("NAME"), env.db("NAME"), env("NAME"), also across lines.
ENV_READ = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")
ENV_LINE = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=")


# --- helpers ------------------------------------------------------------------------------------


def _docker_compose() -> str:
    path = shutil.which("docker-compose")
    require_service(path is not None, "docker-compose")
    return path


def _compose_env() -> dict[str, str]:
    """The caller's environment without variables that would redirect docker-compose."""
    return {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}


def _compose_dir(tmp_path: Path) -> Path:
    """docker-compose.yml with .env.example as its .env, as an operator would set it up."""
    shutil.copy(COMPOSE_FILE, tmp_path / "docker-compose.yml")
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    return tmp_path


def _yaml_to_data(text: str, docker_compose: str):
    """Parse YAML with PyYAML, or else with the interpreter that runs docker-compose v1 (a
    Python program that has PyYAML); docker compose v2 prints JSON itself (see caller)."""
    try:
        import yaml
    except ImportError:
        pass
    else:
        return yaml.safe_load(text)
    with open(docker_compose, "rb") as f:
        first_line = f.readline().decode("utf-8", "replace")
    if first_line.startswith("#!") and "python" in first_line:
        interpreter = first_line[2:].split()
        to_json = "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"
        result = subprocess.run(
            [*interpreter, "-c", to_json],
            input=text,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
    require_service(False, "a YAML reader for the output of docker-compose config")
    return None


@pytest.fixture(scope="module")
def compose(tmp_path_factory) -> dict:
    """The compose file as docker-compose normalises it (env_file read, anchors merged)."""
    docker_compose = _docker_compose()
    workdir = _compose_dir(tmp_path_factory.mktemp("compose"))
    run = {"cwd": workdir, "env": _compose_env(), "capture_output": True, "text": True}
    as_json = subprocess.run([docker_compose, "config", "--format", "json"], timeout=60, **run)
    # docker compose v2 prints JSON; v1 does not know the option and prints its usage instead.
    if as_json.returncode == 0 and as_json.stdout.lstrip().startswith("{"):
        return json.loads(as_json.stdout)
    result = subprocess.run([docker_compose, "config"], timeout=60, **run)
    assert result.returncode == 0, result.stderr
    return _yaml_to_data(result.stdout, docker_compose)


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, with continuation lines joined and comments dropped."""
    lines = [
        line
        for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, args = line.strip().partition(" ")
            instructions.append((keyword.upper(), args.strip()))
    return instructions


def _dockerfile(keyword: str) -> list[str]:
    return [args for kw, args in _dockerfile_instructions() if kw == keyword]


def _image_healthcheck() -> list[str]:
    (healthcheck,) = _dockerfile("HEALTHCHECK")
    exec_form = re.search(r"\bCMD\s+(\[.*\])\s*$", healthcheck)
    assert exec_form, "HEALTHCHECK should use the exec form: CMD [...]"
    return json.loads(exec_form.group(1))


def _image_env() -> dict[str, str]:
    env = {}
    for args in _dockerfile("ENV"):
        for name, value in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=(\S+)", args):
            env[name] = value
    return env


def _settings_env_names() -> set[str]:
    return set(ENV_READ.findall(SETTINGS.read_text(encoding="utf-8")))


def _env_example_names() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line)
        if match:
            names.add(match.group(1))
    return names


def _mounts(service: dict) -> dict[str, str]:
    """target -> named volume, for the short (v1) and the long (v2) volume syntax."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        mounts[target] = source
    return mounts


def _healthcheck_test(service: dict) -> list[str] | None:
    check = service.get("healthcheck") or {}
    test = check.get("test")
    if check.get("disable") or not test or test == ["NONE"]:
        return None
    return [test] if isinstance(test, str) else list(test)


# --- (a) docker-compose accepts the file ------------------------------------------------------


def test_docker_compose_config_accepts_the_file(tmp_path):
    docker_compose = _docker_compose()
    workdir = _compose_dir(tmp_path)
    result = subprocess.run(
        [docker_compose, "config", "-q"],
        cwd=workdir,
        env=_compose_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_run_without_a_database_password(tmp_path):
    docker_compose = _docker_compose()
    workdir = _compose_dir(tmp_path)
    env_file = workdir / ".env"
    env_file.write_text(
        "".join(
            line
            for line in env_file.read_text().splitlines(keepends=True)
            if not line.startswith("POSTGRES_PASSWORD=")
        )
    )
    env = _compose_env()
    env.pop("POSTGRES_PASSWORD", None)
    result = subprocess.run(
        [docker_compose, "config", "-q"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


# --- (b) the topology of the design -------------------------------------------------------------


def test_compose_has_the_services_of_the_design(compose):
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    for name in APP_SERVICES:
        assert "build" in services[name], f"{name} runs the image built from the Dockerfile"


def test_app_services_wait_for_healthy_database_and_redis(compose):
    services = compose["services"]
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name


def test_migrations_run_once_before_the_app_starts(compose):
    services = compose["services"]
    migrate = services["migrate"]
    assert "migrate" in migrate["command"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        ), name


def test_every_service_has_a_healthcheck_or_is_a_one_shot(compose):
    for name, service in compose["services"].items():
        one_shot = service.get("restart") == "no"
        assert _healthcheck_test(service) or one_shot, f"{name} has no health check"
        if not one_shot:
            assert service.get("restart") in ("always", "unless-stopped", "on-failure"), name


def test_worker_healthcheck_pings_its_own_celery_node(compose):
    (command,) = _healthcheck_test(compose["services"]["worker"])[1:]
    assert "celery -A portal inspect ping" in command
    assert "celery@$$HOSTNAME" in command or "celery@$HOSTNAME" in command


def test_web_healthcheck_is_the_images_healthcheck(compose):
    assert _healthcheck_test(compose["services"]["web"]) == ["CMD", *_image_healthcheck()]


def test_app_services_get_the_env_file_and_the_service_urls(compose):
    for name in (*APP_SERVICES, "migrate"):
        environment = compose["services"][name]["environment"]
        assert "DJANGO_SECRET_KEY" in environment, f"{name} does not read .env"
        assert environment["DATABASE_URL"].startswith("postgres://portal:")
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")


def test_web_and_worker_share_the_private_media_volume(compose):
    media_root = _image_env()["DJANGO_MEDIA_ROOT"]
    services = compose["services"]
    web_volume = _mounts(services["web"]).get(media_root)
    assert web_volume, f"web has no volume on {media_root}"
    assert _mounts(services["worker"]).get(media_root) == web_volume
    assert web_volume in compose["volumes"]


def test_beat_keeps_its_schedule_in_a_writable_volume(compose):
    beat = compose["services"]["beat"]
    command = beat["command"]
    schedule = command[command.index("--schedule") + 1]
    assert str(Path(schedule).parent) in _mounts(beat)


def test_database_and_broker_data_live_in_named_volumes(compose):
    services = compose["services"]
    assert _mounts(services["db"]).get("/var/lib/postgresql/data") in compose["volumes"]
    assert _mounts(services["redis"]).get("/data") in compose["volumes"]


def test_web_is_published_on_the_loopback_interface_only(compose):
    ports = compose["services"]["web"]["ports"]
    for port in ports:
        text = port if isinstance(port, str) else f"{port.get('host_ip')}:{port['published']}"
        assert text.startswith("127.0.0.1:"), port


# --- (c) .env.example documents every setting ----------------------------------------------------


def test_settings_reads_are_found():
    # Guards the regular expression: if it stops matching, the next test would pass vacuously.
    assert {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL", "CELERY_BROKER_URL"} <= (
        _settings_env_names()
    )


def test_env_example_documents_every_variable_that_settings_reads():
    missing = _settings_env_names() - _env_example_names()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_has_no_variable_that_nothing_reads():
    used = _settings_env_names() | set(_image_env())
    deployment_text = COMPOSE_FILE.read_text(encoding="utf-8")
    unknown = {name for name in _env_example_names() - used if f"${{{name}" not in deployment_text}
    assert not unknown, f"stale in .env.example: {sorted(unknown)}"


def test_env_example_is_read_alike_by_every_compose_version():
    # docker-compose v1 keeps quotes and "# comments" as part of the value; v2 strips them.
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), f"line {number}: {line}"
            assert not re.search(r"[\"'\s#$]", value), f"line {number}: {line}"


def test_env_example_is_production_ready():
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    assert values["DJANGO_DEBUG"] == "false"
    assert values["IS_HTTPS"] == "true"
    assert values["DJANGO_SECRET_KEY"] == "", "no shared default secret key"
    assert "secrets.token_urlsafe" in ENV_EXAMPLE.read_text(encoding="utf-8")


# --- (d) the Dockerfile -----------------------------------------------------------------------


def test_dockerfile_runs_as_a_non_root_user():
    users = _dockerfile("USER")
    assert users, "the Dockerfile has no USER"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]


def test_dockerfile_has_a_healthcheck_on_the_health_url():
    command = _image_healthcheck()
    assert command[0] == "python"
    assert "/gezondheid/" in command[-1]


def test_dockerfile_builds_the_production_image():
    froms = _dockerfile("FROM")
    args = " ".join(_dockerfile("ARG"))
    assert "python:3.11-slim" in args or any("python:3.11-slim" in f for f in froms)
    runs = "\n".join(_dockerfile("RUN"))
    assert "pip install -c requirements.lock ." in runs
    assert "[dev]" not in runs
    assert "pybabel compile" in runs
    assert "collectstatic --noinput" in runs
    assert any(port.split("/")[0] == "8000" for port in _dockerfile("EXPOSE"))
    (cmd,) = _dockerfile("CMD")
    cmd = json.loads(cmd)
    assert cmd[:2] == ["gunicorn", "portal.wsgi:application"]
    assert "--access-logfile" in cmd
    env = _image_env()
    assert env["PYTHONPATH"] == "/app"
    assert "/app" in _dockerfile("WORKDIR")


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    patterns = {
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert patterns & {".env", "**/.env"}
    assert {".git", ".venv", "var"} <= patterns


# --- the health check command itself --------------------------------------------------------------


def _run_healthcheck(port: int, allowed_hosts: str) -> subprocess.CompletedProcess:
    python, flag, code = _image_healthcheck()
    assert code.count(",8000,") == 1, "the health check connects to port 8000"
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": allowed_hosts}
    return subprocess.run(
        [sys.executable, flag, code.replace(",8000,", f",{port},")],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_healthcheck_passes_against_a_running_portal(live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    result = _run_healthcheck(port, "*,.localhost,localhost")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True)
def test_healthcheck_fails_for_a_host_the_portal_refuses(live_server):
    port = int(live_server.url.rsplit(":", 1)[1])
    assert _run_healthcheck(port, "onbekend.example.nl").returncode != 0


def test_healthcheck_fails_when_nothing_listens():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free_port = sock.getsockname()[1]
    assert _run_healthcheck(free_port, "localhost").returncode != 0
