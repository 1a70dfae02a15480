"""The write path of an import: new values, changed values and unchanged ones in one file, and
on PostgreSQL the foreign keys, checked set-based or (without the privilege) by their triggers.
"""

import pandas as pd
import pytest
from django.db import DatabaseError, connection, transaction

from tests.conftest import require_service
from wijken import pipeline, services
from wijken.models import Gebied, ImportStatus, IndicatorWaarde

pytestmark = pytest.mark.django_db

HEADER = "gebiedcode;indicator;periode;waarde\n"
EERSTE = (
    HEADER + "GM0034;inwoners;2024;100\nGM0363;inwoners;2024;200\nGM0034;jeugdzorg_pct;2024;.\n"
)
# GM0034 inwoners unchanged, GM0363 inwoners changed, GM0034 jeugdzorg_pct from secret to a
# value; GM0518 inwoners new for a year that has values; everything for 2025 new.
TWEEDE = (
    HEADER
    + "GM0034;inwoners;2024;100\nGM0363;inwoners;2024;201\nGM0034;jeugdzorg_pct;2024;12,5\n"
    + "GM0518;inwoners;2024;300\nGM0034;inwoners;2025;110\nGM0363;inwoners;2025;\n"
)


def importeer(tekst: str, naam: str):
    job = services.run_import(services.create_job(tekst.encode(), naam).pk)
    assert job.status == ImportStatus.VOLTOOID, (job.reden, job.fouten)
    return job


def opgeslagen() -> dict:
    return {
        (w.gebied.code, w.indicator.code, w.periode): (w.waarde, w.status, w.import_job_id)
        for w in IndicatorWaarde.objects.select_related("gebied", "indicator")
    }


def test_new_changed_and_unchanged_values_in_one_file():
    eerste = importeer(EERSTE, "eerste.csv")
    assert (eerste.nieuw, eerste.gewijzigd, eerste.ongewijzigd, eerste.geheim) == (3, 0, 0, 1)
    tweede = importeer(TWEEDE, "tweede.csv")
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (3, 2, 1)
    assert (tweede.geheim, tweede.ontbrekend) == (0, 1)
    assert opgeslagen() == {
        ("GM0034", "inwoners", 2024): (100, "ok", eerste.pk),
        ("GM0363", "inwoners", 2024): (201, "ok", tweede.pk),
        ("GM0034", "jeugdzorg_pct", 2024): (12.5, "ok", tweede.pk),
        ("GM0518", "inwoners", 2024): (300, "ok", tweede.pk),
        ("GM0034", "inwoners", 2025): (110, "ok", tweede.pk),
        ("GM0363", "inwoners", 2025): (None, "ontbreekt", tweede.pk),
    }
    assert importeer(TWEEDE, "tweede.csv").ongewijzigd == 6


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        require_service(False, "PostgreSQL (DATABASE_URL)")


def test_a_reference_that_is_gone_fails_the_write(postgresql):
    """The set-based check stands in for the foreign-key triggers it switches off."""
    importeer(EERSTE, "eerste.csv")
    gebied = Gebied.objects.get(code="GM0034")
    frame = pd.DataFrame({"gebied_id": [gebied.pk, 10**12], "indicator_id": [1, 1]})
    with (
        pytest.raises(DatabaseError, match="gebied_id"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        services._references_locked(cur, frame)


def test_foreign_key_triggers_are_replaced_only_where_that_is_all_they_do(postgresql):
    """With the privilege (CI runs as superuser) the triggers are switched off; not when the
    table has a trigger of its own, which `replica` would silently skip as well."""
    importeer(EERSTE, "eerste.csv")
    frame = pd.DataFrame(
        {
            "gebied_id": list(Gebied.objects.values_list("id", flat=True)),
            "indicator_id": IndicatorWaarde.objects.values_list("indicator_id", flat=True)[0],
        }
    )
    with connection.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        # CI (and docker-compose) connect as a superuser; in CI a missing privilege fails here.
        require_service(
            cur.fetchone()[0], "a PostgreSQL superuser role (to set session_replication_role)"
        )
        with transaction.atomic():
            assert services._references_locked(cur, frame) is True
            cur.execute("SHOW session_replication_role")
            assert cur.fetchone()[0] == "replica"
            transaction.set_rollback(True)
        cur.execute(
            "CREATE FUNCTION pg_temp.niets() RETURNS trigger LANGUAGE plpgsql "
            "AS 'BEGIN RETURN NEW; END'"
        )
        cur.execute(
            "CREATE TRIGGER eigen AFTER INSERT ON wijken_indicatorwaarde "
            "FOR EACH ROW EXECUTE FUNCTION pg_temp.niets()"
        )
        with transaction.atomic():
            assert services._references_locked(cur, frame) is False
            cur.execute("SHOW session_replication_role")
            assert cur.fetchone()[0] == "origin"
            transaction.set_rollback(True)


def test_without_the_privilege_the_triggers_check_the_foreign_keys(postgresql, monkeypatch):
    """A role that may not set session_replication_role imports the same, with the triggers."""
    rol = "vo_import_zonder_superuser"
    with connection.cursor() as cur:
        cur.execute(
            f"DO $$ BEGIN CREATE ROLE {rol} NOSUPERUSER; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        cur.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {rol}")
        cur.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {rol}")
    vergrendel = services._lock_imports
    gezien = []

    def als_gewone_rol():
        vergrendel()
        with connection.cursor() as cur:
            cur.execute(f"SET LOCAL ROLE {rol}")

    def references_locked(cur, frame):
        gezien.append(echt(cur, frame))
        return gezien[-1]

    echt = services._references_locked
    monkeypatch.setattr(services, "_lock_imports", als_gewone_rol)
    monkeypatch.setattr(services, "_references_locked", references_locked)
    try:
        importeer(EERSTE, "eerste.csv")
        tweede = importeer(TWEEDE, "tweede.csv")
    finally:
        with connection.cursor() as cur:
            cur.execute("RESET ROLE")
            cur.execute(f"DROP OWNED BY {rol}")
            cur.execute(f"DROP ROLE {rol}")
    assert gezien == [False, False]
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (3, 2, 1)
    assert len(opgeslagen()) == 6


def test_binary_copy_rows_of_every_layout(postgresql):
    """Rows with and without a value and with each status text, mixed in one block."""
    importeer(EERSTE, "eerste.csv")
    ids = dict(Gebied.objects.values_list("code", "id"))
    statussen = pipeline.STATUSSEN * 2
    frame = pd.DataFrame(
        {
            "gebied_id": [ids["GM0034"]] * 6,
            "indicator_id": [1] * 6,
            "periode": list(range(2000, 2006)),
            "voorlopig": [False, True] * 3,
            "waarde": [1.5, None, 2**53 + 0.0, None, -0.0, None],
            "status": pd.Categorical(statussen, categories=pipeline.STATUSSEN),
        }
    )
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TEMPORARY TABLE kopie (gebied_id bigint, indicator_id bigint, "
            "periode smallint, voorlopig boolean, import_job_id bigint, "
            "waarde double precision, status varchar(10))"
        )
        services._copy(cur.cursor, "kopie", frame, 7, lambda n: None)
        cur.execute(f"SELECT {services.WAARDE_KOLOMMEN} FROM kopie ORDER BY periode")  # noqa: S608
        rijen = cur.fetchall()
        cur.execute("DROP TABLE kopie")
    assert rijen == [
        (ids["GM0034"], 1, 2000 + i, i % 2 == 1, 7, w, s)
        for i, (w, s) in enumerate(
            zip([1.5, None, 2**53 + 0.0, None, -0.0, None], statussen, strict=True)
        )
    ]
