"""docker-compose.yml stays honest without a Docker engine: every command, module, management command
and option, make target and environment variable it names exists in the project, and it keeps the
promises of a production set-up (no default secret, no demo accounts unless asked, a separate worker
and beat, a Redis that keeps its queue, restart policies)."""

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from celery.bin.celery import celery as celery_cli
from django.core.management import get_commands, load_command_class
from django.urls import resolve

from tests.kkr.test_settings import run_python

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SERVICES = COMPOSE["services"]
# The services that run the portal's own image (the others run PostgreSQL's and Redis' images).
APP_SERVICES = {name: service for name, service in SERVICES.items() if "build" in service}
ENV_READERS = re.compile(r"\benv(?:str|bool|int|list|choice)\(\s*\"([A-Z0-9_]+)\"")
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Z0-9_]+)")
SHELL_SEPARATORS = re.compile(r"\s*(?:&&|\|\||;)\s*")


def settings_variables():
    """The environment variables the settings read (kkr/settings.py, through kkr.lib.env)."""
    return set(ENV_READERS.findall((ROOT / "kkr" / "settings.py").read_text()))


def commands(service):
    """Each command line a service runs (its command and its health check), as argument lists;
    `sh -c "a && b"` gives a and b."""
    lines = []
    for value in (service.get("command"), service.get("healthcheck", {}).get("test")):
        if value is None:
            continue
        if isinstance(value, list):
            if value[0] == "CMD":
                lines.append(value[1:])
                continue
            value = " ".join(value[1:]) if value[0] == "CMD-SHELL" else shlex.join(value)
        lines.append(shlex.split(value))
    result = []
    for argv in lines:
        if argv[:2] == ["sh", "-c"]:
            result += [shlex.split(part) for part in SHELL_SEPARATORS.split(argv[2].strip())]
        else:
            result.append(argv)
    return result


def check_manage_py(argv):
    name, *args = argv
    assert name in get_commands(), f"manage.py has no command {name}"
    command = load_command_class(get_commands()[name], name)
    command.create_parser("manage.py", name).parse_args(args)  # fails on an unknown option


def check_gunicorn(argv):
    module = importlib.import_module(argv[0])
    assert callable(module.application)


def check_celery(argv):
    assert argv[:2] == ["-A", "kkr"], argv
    app = importlib.import_module("kkr.celery").app
    assert app.main == "kkr"
    subcommand = celery_cli.commands[argv[2]]
    options = {opt for param in subcommand.params for opt in param.opts}
    for arg in argv[3:]:
        if arg.startswith("-"):
            assert arg.split("=")[0] in options, f"celery {argv[2]} has no option {arg}"
    # The beat's sweep task exists.
    if argv[2] == "beat":
        from django.conf import settings

        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            module, _, task = entry["task"].rpartition(".")
            assert hasattr(importlib.import_module(module), task), entry


def check_curl(argv):
    assert "curl" in DOCKERFILE, "the image must install curl"
    url = argv[-1]
    resolve(re.sub(r"^https?://[^/]+", "", url))


def check_make(argv):
    targets = re.findall(r"^([\w.-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert argv[0] in targets, f"the Makefile has no target {argv[0]}"


CHECKS = {"gunicorn": check_gunicorn, "celery": check_celery, "curl": check_curl}


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_every_command_of_the_portals_services_exists(name):
    checked = 0
    for argv in commands(APP_SERVICES[name]):
        program, *args = argv
        if program == "python":
            assert args[0] == "manage.py", argv
            check_manage_py(args[1:])
        elif program == "make":
            check_make(args)
        else:
            assert program in CHECKS, f"{name} runs {program}, which nothing here provides"
            CHECKS[program](args)
        checked += 1
    assert checked


def test_the_images_build_step_passes_the_settings_checks():
    """The Dockerfile runs manage.py with DEBUG off while building: the settings must accept it."""
    steps = re.findall(r"^RUN ((?:[A-Z_]+=\S+ )+)python (manage\.py .*)$", DOCKERFILE, re.MULTILINE)
    assert steps
    for assignments, command in steps:
        env = dict(pair.split("=", 1) for pair in assignments.split())
        argv = shlex.split(command)
        check_manage_py(argv[1:])
        result = run_python("-c", "import django; django.setup()", **env)
        assert result.returncode == 0, result.stderr


def test_every_environment_variable_is_one_the_settings_read():
    read = settings_variables()
    for name, service in APP_SERVICES.items():
        unknown = set(service["environment"]) - read
        assert not unknown, f"{name} sets variables the settings never read: {unknown}"
    unknown = set(INTERPOLATION.findall(COMPOSE_TEXT)) - read
    assert not unknown, f"docker-compose.yml takes variables the settings never read: {unknown}"


def test_no_default_secret_key_and_no_demo_accounts_unless_asked():
    for service in APP_SERVICES.values():
        assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", service["environment"]["SECRET_KEY"])
        assert service["environment"]["DEMO"] == "${DEMO:-0}"
    web = commands(SERVICES["web"])
    demo = [argv for argv in web if argv[:3] == ["python", "manage.py", "load_demo"]]
    assert demo and all("--skip-unless-demo" in argv for argv in demo)


def test_a_worker_and_one_beat_run_as_services_of_their_own():
    celery_commands = {name: argv for name in APP_SERVICES for argv in commands(SERVICES[name])[:1]}
    assert celery_commands["worker"][:4] == ["celery", "-A", "kkr", "worker"]
    assert "--beat" not in celery_commands["worker"] and "-B" not in celery_commands["worker"]
    assert celery_commands["beat"][:4] == ["celery", "-A", "kkr", "beat"]


def test_redis_keeps_its_queue_and_never_evicts_it():
    redis = SERVICES["redis"]
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command and "--maxmemory-policy noeviction" in command
    assert any(volume.endswith(":/data") for volume in redis["volumes"])


def test_every_service_restarts_by_itself():
    for name, service in SERVICES.items():
        assert service.get("restart") in ("always", "unless-stopped"), name
