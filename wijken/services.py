"""Stap 1 data services: the catalogue, import jobs and the write path. No request objects."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from portal import audit

from . import pipeline
from .models import (
    Gebied,
    GebiedJaar,
    ImportJob,
    ImportSoort,
    ImportStatus,
    Indicator,
    IndicatorAlias,
    IndicatorWaarde,
)
from .signals import import_voltooid

logger = logging.getLogger(__name__)
CATALOGUS = Path(__file__).resolve().parent.parent / "fixtures" / "indicatoren.json"


# --- catalogue ----------------------------------------------------------------------------


def load_catalogue(path: Path = CATALOGUS, models: Any = None) -> int:
    """Create or update the shipped indicators and their column names; returns how many."""
    IndicatorM = models.get_model("wijken", "Indicator") if models else Indicator
    AliasM = models.get_model("wijken", "IndicatorAlias") if models else IndicatorAlias
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["indicatoren"]:
        velden = {
            k: item[k]
            for k in ("naam", "eenheid", "bron", "definitie", "decimalen", "richting")
            if k in item
        }
        velden["min_celgrootte"] = item.get("min_celgrootte")
        indicator, _ = IndicatorM.objects.update_or_create(code=item["code"], defaults=velden)
        for kolom in item["kolommen"]:
            AliasM.objects.update_or_create(
                alias=pipeline.normalise_kolom(kolom), defaults={"indicator": indicator}
            )
    return len(data["indicatoren"])


def column_map() -> tuple[dict[str, str], dict[str, str]]:
    """Normalised column name → indicator code, and indicator code → unit."""
    kolommen = dict(IndicatorAlias.objects.values_list("alias", "indicator__code"))
    for code in Indicator.objects.values_list("code", flat=True):
        kolommen.setdefault(code.lower(), code)
    return kolommen, dict(Indicator.objects.values_list("code", "eenheid"))


def add_indicator(kolom: str, **velden: Any) -> Indicator:
    """A beheerder adds an unknown column to the catalogue under its own column name."""
    with transaction.atomic():
        indicator = Indicator.objects.create(**velden)
        IndicatorAlias.objects.create(indicator=indicator, alias=pipeline.normalise_kolom(kolom))
        IndicatorAlias.objects.get_or_create(
            indicator=indicator, alias=pipeline.normalise_kolom(kolom, odata=True)
        )
    return indicator


# --- jobs ---------------------------------------------------------------------------------


def create_job(
    data: bytes,
    bestandsnaam: str,
    *,
    user: Any = None,
    regio: Any = None,
    soort: str = ImportSoort.INDICATOREN,
    jaar: int | None = None,
    overslaan: list[str] | None = None,
) -> ImportJob:
    """Store the upload privately and read it once for the preview (nothing written yet)."""
    job = ImportJob(
        soort=soort,
        bestandsnaam=Path(bestandsnaam).name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        aangemaakt_door=user,
        regio=regio,
        jaar=jaar,
        overslaan=overslaan or [],
    )
    job.bestand.save(
        f"{job.sha256[:16]}{Path(bestandsnaam).suffix[:10]}", ContentFile(data), save=False
    )
    job.voorbeeld, job.fouten, job.formaat = preview(data, job)
    job.save()
    return job


def _read(data: bytes, job: ImportJob) -> pipeline.Gelezen | tuple:
    if job.soort == ImportSoort.GRENZEN:
        return pipeline.lees_geojson(data)
    kolommen, eenheden = column_map()
    return pipeline.lees_tabel(
        data, job.bestandsnaam, kolommen, eenheden, overslaan=job.overslaan, periode=job.jaar
    )


def preview(data: bytes, job: ImportJob) -> tuple[dict, list[dict], str]:
    """What the import would do: format, periods, gebieden found/new, columns, problems."""
    try:
        gelezen = _read(data, job)
    except pipeline.BestandAfgewezen as exc:
        return {"afgewezen": True}, [p.as_dict() for p in exc.problemen], ""
    if job.soort == ImportSoort.GRENZEN:
        features, problemen, jaar = gelezen
        codes = {f["code"] for f in features}
        bekend = set(Gebied.objects.filter(code__in=codes).values_list("code", flat=True))
        jaar = job.jaar or jaar
        if jaar is None:
            problemen.append(
                pipeline.Probleem(
                    None,
                    "",
                    ("Het jaar van deze grenzen staat niet in het bestand; geef het jaar op."),
                )
            )
        return (
            {
                "perioden": [jaar] if jaar else [],
                "aantal_gebieden": len(codes),
                "gebieden_bekend": len(bekend),
                "gebieden_nieuw": sorted(codes - bekend)[:50],
                "aantal_gebieden_nieuw": len(codes - bekend),
                "aantal_waarden": 0,
                "eerste_rijen": [[f["code"], f["naam"], f["gemeente_code"]] for f in features[:5]],
                "kolommen": ["code", "naam", "gemeente"],
            },
            [p.as_dict() for p in problemen],
            pipeline.Formaat.GEOJSON,
        )
    codes = set(gelezen.gebieden["gebied_code"].tolist())
    met_ouders = set(codes)
    for code in codes:  # the import also creates missing parents (wijk → gemeente → NL)
        while code := pipeline.parent_code(code):
            met_ouders.add(code)
    bekend = set(_in(Gebied.objects, "code", met_ouders).values_list("code", flat=True))
    nieuw = sorted(met_ouders - bekend)
    vorige = (
        ImportJob.objects.filter(sha256=job.sha256, status=ImportStatus.VOLTOOID)
        .exclude(pk=job.pk)
        .order_by("-beeindigd")
        .first()
    )
    return (
        {
            "perioden": gelezen.perioden,
            "periode_uit_bestandsnaam": gelezen.periode_uit_bestandsnaam,
            "aantal_gebieden": len(codes),
            "gebieden_bekend": len(bekend & codes),
            "aantal_gebieden_nieuw": len(nieuw),
            "gebieden_nieuw": nieuw[:50],
            "kolommen_gekoppeld": gelezen.gekoppelde_kolommen,
            "kolommen_onbekend": gelezen.onbekende_kolommen,
            "aantal_waarden": len(gelezen.waarden),
            "status_telling": {
                k: int(v) for k, v in gelezen.waarden["status"].value_counts().items() if v
            },
            "eerste_rijen": gelezen.eerste_rijen,
            "kolommen": gelezen.kolommen,
            "waarschuwingen": gelezen.waarschuwingen,
            "eerder_geimporteerd": (
                {"id": vorige.pk, "wanneer": vorige.beeindigd.isoformat()} if vorige else None
            ),
        },
        [p.as_dict() for p in gelezen.problemen],
        gelezen.formaat,
    )


def set_progress(job_id: int, voortgang: int, rijen: int | None = None) -> None:
    """Progress is written on its own connection, so it is visible while the import's
    transaction is still open (not on SQLite, whose single writer is busy importing)."""
    velden: dict[str, Any] = {"voortgang": voortgang}
    if rijen is not None:
        velden["rijen_verwerkt"] = rijen
    if not connection.in_atomic_block:
        ImportJob.objects.filter(pk=job_id).update(**velden)
        return
    if connection.vendor != "postgresql":
        return
    conn = connections.create_connection("default")
    try:
        with conn.cursor() as cur:
            sets = ", ".join(f"{k} = %s" for k in velden)
            cur.execute(
                f"UPDATE wijken_importjob SET {sets} WHERE id = %s",  # noqa: S608
                [*velden.values(), job_id],
            )
        conn.commit()
    finally:
        conn.close()


def run_import(job_id: int) -> ImportJob:
    """Import a previewed job: the whole file in one transaction, or nothing.

    Idempotent: a finished job is left alone; a job found `bezig` (its worker died, the
    transaction rolled back) simply runs again.
    """
    job = ImportJob.objects.get(pk=job_id)
    if job.status in (ImportStatus.VOLTOOID, ImportStatus.MISLUKT):
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.BEZIG, gestart=timezone.now(), voortgang=1
    )
    audit.log_import_started(job.aangemaakt_door, job.regio, job.pk, job.bestandsnaam)
    try:
        with job.bestand.open("rb") as f:
            data = f.read()
        gelezen = _read(data, job)
        set_progress(job.pk, 10)
        with transaction.atomic():
            _lock_imports()
            # The same job sent twice (double confirm, redelivery) runs once.
            if (
                ImportJob.objects.select_for_update()
                .filter(pk=job.pk, status__in=[ImportStatus.VOLTOOID, ImportStatus.MISLUKT])
                .exists()
            ):
                return ImportJob.objects.get(pk=job.pk)
            if job.soort == ImportSoort.GRENZEN:
                tellingen = _write_boundaries(job, gelezen)
            else:
                if gelezen.problemen:
                    raise pipeline.BestandAfgewezen(gelezen.problemen)
                tellingen = _write_values(
                    job,
                    gelezen,
                    lambda n: set_progress(job.pk, 10 + 85 * n // max(len(gelezen.waarden), 1), n),
                )
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportStatus.VOLTOOID,
                voortgang=100,
                beeindigd=timezone.now(),
                fouten=[],
                **tellingen,
            )
    except pipeline.BestandAfgewezen as exc:
        _fail(
            job,
            "Het bestand bevat fouten; er is niets geïmporteerd.",
            [p.as_dict() for p in exc.problemen],
        )
    except Exception as exc:
        logger.exception("Import %s mislukt", job.pk)
        _fail(
            job,
            f"Er ging iets mis tijdens het schrijven; er is niets geïmporteerd ({type(exc).__name__}).",
            [],
        )
    job.refresh_from_db()
    if job.status == ImportStatus.VOLTOOID:
        audit.log_import_finished(
            job.aangemaakt_door,
            job.regio,
            job.pk,
            job.bestandsnaam,
            nieuw=job.nieuw,
            gewijzigd=job.gewijzigd,
            ongewijzigd=job.ongewijzigd,
        )
        import_voltooid.send(
            sender=ImportJob, job_id=job.pk, gewijzigd=bool(job.nieuw or job.gewijzigd)
        )
    return job


def _fail(job: ImportJob, reden: str, fouten: list[dict]) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.MISLUKT,
        reden=reden,
        fouten=fouten or job.fouten,
        beeindigd=timezone.now(),
    )
    audit.log_import_failed(job.aangemaakt_door, job.regio, job.pk, job.bestandsnaam, reden)


def fail_stale_jobs(max_age: timedelta | None = None) -> int:
    """Jobs left `bezig` longer than the hard time limit (and not redelivered) end as mislukt."""
    if max_age is None:
        max_age = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 600)
    grens = timezone.now() - max_age
    stale = ImportJob.objects.filter(status=ImportStatus.BEZIG, gestart__lt=grens)
    n = 0
    for job in stale:
        _fail(
            job,
            "De import is afgebroken (de verwerking stopte onverwacht); er is niets "
            "geïmporteerd. Start de import opnieuw.",
            [],
        )
        n += 1
    return n


def _lock_imports() -> None:
    """One import writes at a time: concurrent uploads of one file cannot double anything."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('veilig-opgroeien-import'))")


# --- writing ------------------------------------------------------------------------------


def _in(objects: Any, veld: str, waarden: Any) -> Any:
    """`objects` filtered on `veld` in `waarden`. On PostgreSQL as one array parameter
    (`= ANY(%s)`): for the thousands of codes of a national file far cheaper to build and to
    parse than as many placeholders."""
    waarden = list(waarden)
    if connection.vendor != "postgresql":
        return objects.filter(**{f"{veld}__in": waarden})
    meta = objects.model._meta
    kolom = f'"{meta.db_table}"."{meta.get_field(veld).column}"'  # names from the model
    voorwaarde = RawSQL(f"{kolom} = ANY(%s)", (waarden,), output_field=BooleanField())  # noqa: S611
    return objects.filter(voorwaarde)


def _ensure_gebieden(rijen: pd.DataFrame) -> tuple[dict[str, int], int]:
    """Create unknown (valid) codes as gebieden, link parents, record the years they occur.

    `rijen`: gebied_code, naam, periode. Returns code → id and the number of new gebieden.
    """
    codes = set(rijen["gebied_code"].tolist())
    for code in list(codes):  # parents too, so that every wijk has its gemeente
        parent = pipeline.parent_code(code)
        while parent:
            codes.add(parent)
            parent = pipeline.parent_code(parent)
    ids = dict(_in(Gebied.objects, "code", codes).values_list("code", "id"))
    laatste_naam = (
        rijen[rijen["naam"].astype(str) != ""]
        .sort_values("periode")
        .drop_duplicates("gebied_code", keep="last")
        .set_index("gebied_code")["naam"]
        .to_dict()
    )
    nieuw_aantal = 0
    # Level by level, so that each new gebied can point at its parent and gemeente.
    for prefix in ("NL", "GM", "WK", "BU"):
        nieuw = []
        for c in sorted(c for c in codes - set(ids) if c.startswith(prefix)):
            p = pipeline.parent_code(c)
            naam = "Nederland" if prefix == "NL" else str(laatste_naam.get(c, "") or "")
            nieuw.append(
                Gebied(
                    code=c,
                    soort=pipeline.soort_van_code(c),
                    naam="" if naam == c else naam,
                    parent_id=ids.get(p) if p else None,
                    gemeente_id=ids.get("GM" + c[2:6]) if prefix in ("WK", "BU") else None,
                )
            )
        Gebied.objects.bulk_create(nieuw, batch_size=2000)
        nieuw_aantal += len(nieuw)
        ids.update(_in(Gebied.objects, "code", [g.code for g in nieuw]).values_list("code", "id"))
    # Years of validity, set-based per (first, last) pair; names from the newest year.
    per_code = rijen.groupby("gebied_code")["periode"].agg(["min", "max"])
    huidig = {
        code: (vanaf, tot, naam)
        for code, vanaf, tot, naam in _in(
            Gebied.objects, "code", per_code.index.tolist()
        ).values_list("code", "geldig_vanaf", "geldig_tot", "naam")
    }
    groepen: dict[tuple[int, int], list[int]] = {}
    hernoemd = []
    for code, lo, hi in per_code.itertuples(index=True, name=None):
        vanaf, tot, naam_nu = huidig[code]
        lo, hi = int(lo), int(hi)
        nieuw_bereik = (min(lo, vanaf or lo), max(hi, tot or hi))
        if nieuw_bereik != (vanaf, tot):
            groepen.setdefault(nieuw_bereik, []).append(ids[code])
        naam = str(laatste_naam.get(code, "") or "")
        if naam and naam != code and naam != naam_nu and (tot is None or hi >= tot or not naam_nu):
            hernoemd.append(Gebied(id=ids[code], naam=naam))
    for (vanaf, tot), gebied_ids in groepen.items():
        _in(Gebied.objects, "id", gebied_ids).update(geldig_vanaf=vanaf, geldig_tot=tot)
    Gebied.objects.bulk_update(hernoemd, ["naam"], batch_size=1000)
    jaren = rijen.drop_duplicates(["gebied_code", "periode"])
    wijziging = jaren.get("indelingswijziging", "")
    jaren = jaren.assign(indelingswijziging=wijziging)
    bestaande_jaren = {
        (g, j): (pk, w)
        for pk, g, j, w in _in(GebiedJaar.objects, "gebied", ids.values()).values_list(
            "id", "gebied_id", "jaar", "indelingswijziging"
        )
    }
    nieuwe_jaren, gewijzigde_jaren = [], []
    for c, n, p, w in jaren[["gebied_code", "naam", "periode", "indelingswijziging"]].itertuples(
        index=False
    ):
        sleutel, w = (ids[c], int(p)), str(w or "")[:2]
        if sleutel not in bestaande_jaren:
            nieuwe_jaren.append(
                GebiedJaar(gebied_id=ids[c], jaar=int(p), naam=str(n or ""), indelingswijziging=w)
            )
        elif w and bestaande_jaren[sleutel][1] != w:
            gewijzigde_jaren.append(
                GebiedJaar(id=bestaande_jaren[sleutel][0], indelingswijziging=w)
            )
    GebiedJaar.objects.bulk_create(nieuwe_jaren, batch_size=2000)
    GebiedJaar.objects.bulk_update(gewijzigde_jaren, ["indelingswijziging"], batch_size=1000)
    return ids, nieuw_aantal


def _ids(kolom: pd.Series, ids: dict[str, int]) -> np.ndarray:
    """Codes → database ids; a categorical column is looked up once per category."""
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        per_categorie = kolom.cat.categories.map(lambda c: ids.get(c, -1)).to_numpy(np.int64)
        uit = per_categorie[kolom.cat.codes.to_numpy()]
    else:
        uit = kolom.map(lambda c: ids.get(c, -1)).to_numpy(np.int64)
    if (uit < 0).any():
        raise ValueError("code zonder id: " + str(kolom[uit < 0].iloc[0]))
    return uit


def _write_values(
    job: ImportJob, gelezen: pipeline.Gelezen, progress: Callable[[int], None]
) -> dict[str, int]:
    ids, gebieden_nieuw = _ensure_gebieden(gelezen.gebieden)
    indicatoren = dict(Indicator.objects.values_list("code", "id"))
    w = gelezen.waarden
    frame = pd.DataFrame(
        {
            "gebied_id": _ids(w["gebied_code"], ids),
            "indicator_id": _ids(w["indicator"], indicatoren),
            "periode": w["periode"].to_numpy(np.int64),
            "voorlopig": w["voorlopig"].to_numpy(bool),
            "waarde": w["waarde"].to_numpy(np.float64),
            "status": pd.Categorical(w["status"], categories=pipeline.STATUSSEN),
        }
    )
    if connection.vendor == "postgresql":
        nieuw, gewijzigd = _upsert_postgresql(frame, job.pk, progress)
    else:
        nieuw, gewijzigd = _upsert_portable(frame, job.pk, progress)
    status = frame["status"].cat.codes.to_numpy()
    return {
        "rijen_totaal": len(frame),
        "rijen_verwerkt": len(frame),
        "nieuw": nieuw,
        "gewijzigd": gewijzigd,
        "ongewijzigd": len(frame) - nieuw - gewijzigd,
        "geheim": int((status == pipeline.STATUSSEN.index("geheim")).sum()),
        "ontbrekend": int((status == pipeline.STATUSSEN.index("ontbreekt")).sum()),
        "gebieden_nieuw": gebieden_nieuw,
    }


# COPY … (FORMAT BINARY), built with numpy. A binary row is its number of fields, then per
# field its length and big-endian value (length -1 and no value for NULL). The fixed-width
# columns come first, so that only the tail of a row varies: the value (8 bytes, or none when
# missing) and the status text.
COPY_KOP = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # signature, flags 0, no header extension
COPY_SLOT = b"\xff\xff"  # field count -1: end of data
COPY_CHUNK = 250_000
WAARDE_KOLOMMEN = "gebied_id, indicator_id, periode, voorlopig, import_job_id, waarde, status"
STAART = 4 + 8 + 4 + max(len(s) for s in pipeline.STATUSSEN)  # the longest tail
COPY_RIJ = np.dtype(
    {
        "names": [
            "velden",
            "l_gebied",
            "gebied_id",
            "l_indicator",
            "indicator_id",
            "l_periode",
            "periode",
            "l_voorlopig",
            "voorlopig",
            "l_job",
            "import_job_id",
            "staart",
            "waarde",  # inside the tail, after its length
        ],
        "formats": [">i2", ">i4", ">i8", ">i4", ">i8", ">i4", ">i2", ">i4", "u1", ">i4", ">i8"]
        + [f"S{STAART}", ">f8"],
        "offsets": [0, 2, 6, 14, 18, 26, 30, 32, 36, 37, 41, 49, 53],
        "itemsize": 49 + STAART,
    }
)


def _staart(status: str, leeg: bool) -> bytes:
    """A row's tail: the value's length (its 8 bytes are filled in later), then the status."""
    tekst = status.encode()
    waarde = (-1).to_bytes(4, "big", signed=True) if leeg else (8).to_bytes(4, "big") + bytes(8)
    return waarde + len(tekst).to_bytes(4, "big") + tekst


# Per status code × 2 + missing: the tail and the length of the whole row.
STAARTEN = [_staart(s, leeg) for s in pipeline.STATUSSEN for leeg in (False, True)]
STAART_SJABLONEN = np.array(STAARTEN, dtype=f"S{STAART}")
RIJ_LENGTES = np.array([49 + len(s) for s in STAARTEN])


def _copy_blok(deel: pd.DataFrame, job_id: int) -> bytes:
    """The rows of `deel` as binary COPY data: every row is first written at full width (a
    structured numpy array), then one mask drops the unused end of the shorter ones."""
    waarde = deel["waarde"].to_numpy(np.float64)
    leeg = np.isnan(waarde)
    vorm = deel["status"].cat.codes.to_numpy().astype(np.intp) * 2 + leeg
    rij = np.empty(len(deel), COPY_RIJ)
    rij["velden"] = 7
    rij["l_gebied"] = rij["l_indicator"] = rij["l_job"] = 8
    rij["l_periode"], rij["l_voorlopig"] = 2, 1
    for kolom in ("gebied_id", "indicator_id", "periode", "voorlopig"):
        rij[kolom] = deel[kolom].to_numpy()
    rij["import_job_id"] = job_id
    rij["staart"] = STAART_SJABLONEN[vorm]
    rij["waarde"][~leeg] = waarde[~leeg]
    lengte = RIJ_LENGTES[vorm]
    bytes_ = rij.view(np.uint8).reshape(len(deel), COPY_RIJ.itemsize)
    if len(deel) and (lengte == lengte[0]).all():
        return bytes_[:, : lengte[0]].tobytes()
    return bytes_[np.arange(COPY_RIJ.itemsize) < lengte[:, None]].tobytes()


def _copy(cur: Any, tabel: str, frame: pd.DataFrame, job_id: int, na_blok: Callable) -> None:
    """COPY `frame` into `tabel` block by block; `na_blok(rows sent)` after each block. The
    next block is built in a thread while the database takes in the current one."""

    def blok(start: int) -> bytes:
        return _copy_blok(frame.iloc[start : start + COPY_CHUNK], job_id)

    starts = range(0, len(frame), COPY_CHUNK)
    with (
        cur.copy(f"COPY {tabel} ({WAARDE_KOLOMMEN}) FROM STDIN (FORMAT BINARY)") as copy,
        ThreadPoolExecutor(max_workers=1) as bouwer,
    ):
        copy.write(COPY_KOP)
        volgende = bouwer.submit(blok, 0) if starts else None
        for start in starts:
            data = volgende.result()
            if start + COPY_CHUNK < len(frame):
                volgende = bouwer.submit(blok, start + COPY_CHUNK)
            copy.write(data)
            na_blok(min(start + COPY_CHUNK, len(frame)))
        copy.write(COPY_SLOT)


def _with_stored_values(cur: Any, frame: pd.DataFrame) -> np.ndarray:
    """Per row: are values stored for its indicator and year (any gebied)?"""
    sleutel = frame["indicator_id"].to_numpy() * 65536 + frame["periode"].to_numpy()
    paren = np.unique(sleutel)
    cur.execute(
        "SELECT c.i * 65536 + c.p FROM unnest(%s::bigint[], %s::integer[]) AS c(i, p) "
        "WHERE EXISTS (SELECT FROM wijken_indicatorwaarde w "
        "WHERE w.indicator_id = c.i AND w.periode = c.p)",
        [(paren // 65536).tolist(), (paren % 65536).tolist()],
    )
    return np.isin(sleutel, [r[0] for r in cur.fetchall()])


def _references_locked(cur: Any, frame: pd.DataFrame) -> bool:
    """Check and lock the gebieden and indicators the rows refer to, set-based, and switch off
    the per-row foreign-key triggers for this transaction's writes of values; False (triggers
    left on) when the database role may not do that. The caller switches them on again.

    The foreign keys of wijken_indicatorwaarde are checked by a trigger per inserted row and
    key (`SELECT … FOR KEY SHARE` of the referenced row), at commit: for a national file
    3.7 million lookups, more time than the insert itself. Here the same check is made once:
    every referenced id must exist, and each referenced row is locked FOR KEY SHARE, as the
    trigger would lock it, so that it cannot be deleted before this import commits. Then
    `session_replication_role = replica` (superuser, or GRANT SET ON PARAMETER) skips the
    triggers. Triggers of rows written before (gebieden) were queued then and still fire.
    Only done while the table has no other triggers and no other foreign keys than these.
    """
    cur.execute(
        """
        SELECT
          (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = %(tabel)s::regclass
             AND t.tgfoid NOT IN ('"RI_FKey_check_ins"'::regproc,
                                  '"RI_FKey_check_upd"'::regproc)),
          (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
             WHERE c.conrelid = %(tabel)s::regclass AND c.contype = 'f')
        """,
        {"tabel": IndicatorWaarde._meta.db_table},
    )
    if cur.fetchone() != (0, ["gebied_id", "indicator_id"]):
        return False
    try:
        with transaction.atomic():  # a savepoint: a refused SET leaves the import usable
            cur.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    for tabel, kolom in (("wijken_gebied", "gebied_id"), ("wijken_indicator", "indicator_id")):
        ids = np.unique(frame[kolom].to_numpy()).tolist()
        cur.execute(
            f"SELECT count(*) FROM (SELECT FROM {tabel} WHERE id = ANY(%s) FOR KEY SHARE) r",  # noqa: S608
            [ids],
        )
        if cur.fetchone()[0] != len(ids):
            raise DatabaseError(f"{kolom}: verwijzing naar een rij die niet (meer) bestaat")
    return True


def _upsert_postgresql(
    frame: pd.DataFrame, job_id: int, progress: Callable[[int], None]
) -> tuple[int, int]:
    """Write set-based, in the order of the unique index (gebied, indicator, periode).

    Values of an indicator for a year that has none stored yet (a new year: the usual case)
    are all new and are COPYed straight into wijken_indicatorwaarde. The others are COPYed
    into a temporary table, then one UPDATE writes the rows whose value differs and one
    INSERT the missing ones. Imports hold the import lock (_lock_imports) and nothing else
    writes values, so rows found missing cannot appear meanwhile; if one did, the unique
    constraint would fail the import as a whole.

    Progress: a row counts half when it is in the temporary table, whole when written.
    """
    frame = frame.iloc[
        np.lexsort(
            (
                frame["periode"].to_numpy(),
                frame["indicator_id"].to_numpy(),
                frame["gebied_id"].to_numpy(),
            )
        )
    ]
    nieuw = gewijzigd = 0
    with connection.cursor() as cur:
        raw = cur.cursor  # psycopg 3 cursor
        opgeslagen = _with_stored_values(cur, frame)
        zonder_triggers = _references_locked(cur, frame)
        bij = frame[opgeslagen]
        if len(bij):
            cur.execute("DROP TABLE IF EXISTS pg_temp.tmp_waarde")
            cur.execute(
                "CREATE TEMPORARY TABLE tmp_waarde (gebied_id bigint, indicator_id bigint, "
                "periode smallint, voorlopig boolean, waarde double precision, "
                "status varchar(10), import_job_id bigint) ON COMMIT DROP"
            )
            _copy(raw, "tmp_waarde", bij, job_id, lambda k: progress(k // 2))
            cur.execute("ANALYZE tmp_waarde")
            cur.execute(
                """
                UPDATE wijken_indicatorwaarde w
                SET waarde = t.waarde, status = t.status, voorlopig = t.voorlopig,
                    import_job_id = t.import_job_id
                FROM tmp_waarde t
                WHERE (w.gebied_id, w.indicator_id, w.periode)
                      = (t.gebied_id, t.indicator_id, t.periode)
                  AND (w.waarde, w.status, w.voorlopig)
                      IS DISTINCT FROM (t.waarde, t.status, t.voorlopig)
                """
            )
            gewijzigd = cur.rowcount
            cur.execute(
                f"""
                INSERT INTO wijken_indicatorwaarde ({WAARDE_KOLOMMEN})
                SELECT {WAARDE_KOLOMMEN} FROM tmp_waarde t
                WHERE NOT EXISTS (
                  SELECT FROM wijken_indicatorwaarde w
                  WHERE (w.gebied_id, w.indicator_id, w.periode)
                        = (t.gebied_id, t.indicator_id, t.periode))
                """  # noqa: S608
            )
            nieuw = cur.rowcount
            cur.execute("DROP TABLE tmp_waarde")
            progress(len(bij))
        rest = frame[~opgeslagen]
        if len(rest):
            _copy(raw, "wijken_indicatorwaarde", rest, job_id, lambda k: progress(len(bij) + k))
            nieuw += len(rest)
        if zonder_triggers:
            cur.execute("SET LOCAL session_replication_role = origin")
    return int(nieuw), int(gewijzigd)


def _upsert_portable(
    frame: pd.DataFrame, job_id: int, progress: Callable[[int], None]
) -> tuple[int, int]:
    """SQLite and others: compare with what is stored, then batched bulk create/update."""
    sleutel = ["gebied_id", "indicator_id", "periode"]
    bestaand = pd.DataFrame.from_records(
        IndicatorWaarde.objects.filter(
            indicator_id__in=frame["indicator_id"].unique().tolist(),
            periode__in=frame["periode"].unique().tolist(),
            gebied_id__in=frame["gebied_id"].unique().tolist(),
        ).values_list("id", *sleutel, "waarde", "status", "voorlopig"),
        columns=["id", *sleutel, "oud_waarde", "oud_status", "oud_voorlopig"],
    )
    m = frame.merge(bestaand, on=sleutel, how="left")
    nieuw = m[m["id"].isna()]
    gelijk = (
        ((m["waarde"] == m["oud_waarde"]) | (m["waarde"].isna() & m["oud_waarde"].isna()))
        & (m["status"].astype(str) == m["oud_status"])
        & (m["voorlopig"] == m["oud_voorlopig"])
    )
    gewijzigd = m[m["id"].notna() & ~gelijk]

    def waarde(v):
        return None if pd.isna(v) else float(v)

    IndicatorWaarde.objects.bulk_create(
        [
            IndicatorWaarde(
                gebied_id=r.gebied_id,
                indicator_id=r.indicator_id,
                periode=r.periode,
                voorlopig=bool(r.voorlopig),
                waarde=waarde(r.waarde),
                status=r.status,
                import_job_id=job_id,
            )
            for r in nieuw.itertuples(index=False)
        ],
        batch_size=2000,
    )
    progress(len(nieuw))
    IndicatorWaarde.objects.bulk_update(
        [
            IndicatorWaarde(
                id=int(r.id),
                voorlopig=bool(r.voorlopig),
                waarde=waarde(r.waarde),
                status=r.status,
                import_job_id=job_id,
            )
            for r in gewijzigd.itertuples(index=False)
        ],
        ["voorlopig", "waarde", "status", "import_job"],
        batch_size=2000,
    )
    progress(len(frame))
    return len(nieuw), len(gewijzigd)


def _write_boundaries(job: ImportJob, gelezen: tuple) -> dict[str, int]:
    features, problemen, jaar_bestand = gelezen
    jaar = job.jaar or jaar_bestand
    if problemen or not jaar:
        raise pipeline.BestandAfgewezen(
            problemen
            or [
                pipeline.Probleem(
                    None, "", "Het jaar van deze grenzen ontbreekt; geef het jaar op."
                )
            ]
        )
    rijen = pd.DataFrame(
        [{"gebied_code": f["code"], "naam": f["naam"], "periode": jaar} for f in features]
    )
    ids, gebieden_nieuw = _ensure_gebieden(rijen)
    bestaand = {
        gj.gebied_id: gj
        for gj in GebiedJaar.objects.filter(
            jaar=jaar, gebied_id__in=[ids[f["code"]] for f in features]
        )
    }
    nieuw = gewijzigd = 0
    bij = []
    for f in features:
        gj = bestaand[ids[f["code"]]]
        if gj.geometrie is None:
            nieuw += 1
        elif gj.geometrie != f["geometrie"]:
            gewijzigd += 1
        else:
            continue
        gj.geometrie = f["geometrie"]
        bij.append(gj)
    GebiedJaar.objects.bulk_update(bij, ["geometrie"], batch_size=500)
    return {
        "rijen_totaal": len(features),
        "rijen_verwerkt": len(features),
        "nieuw": nieuw,
        "gewijzigd": gewijzigd,
        "ongewijzigd": len(features) - nieuw - gewijzigd,
        "gebieden_nieuw": gebieden_nieuw,
    }


def problems_csv(job: ImportJob) -> str:
    """The job's problems as CSV for the beheerder (cells that look like formulas escaped)."""
    from portal.csv_export import rows_to_csv

    return rows_to_csv(
        ["rij", "kolom", "melding"],
        [[f.get("rij") or "", f.get("kolom", ""), f.get("melding", "")] for f in job.fouten],
    )


def report_lines(job: ImportJob) -> list[str]:
    """The same report for the command line as the browser shows."""
    v = job.voorbeeld or {}
    regels = [f"Bestand: {job.bestandsnaam}", f"Formaat: {job.formaat or 'niet herkend'}"]
    if v.get("perioden"):
        regels.append("Perioden: " + ", ".join(str(p) for p in v["perioden"]))
    if v.get("aantal_gebieden") is not None:
        regels.append(
            f"Gebieden: {v['aantal_gebieden']} ({v.get('aantal_gebieden_nieuw', 0)} nieuw)"
        )
    if v.get("kolommen_onbekend"):
        regels.append(
            f"Niet in de catalogus ({len(v['kolommen_onbekend'])} kolommen, niet "
            f"geïmporteerd): "
            + ", ".join(v["kolommen_onbekend"][:15])
            + (" …" if len(v["kolommen_onbekend"]) > 15 else "")
        )
    if v.get("eerder_geimporteerd") and job.status != ImportStatus.VOLTOOID:
        regels.append(
            f"Dit bestand is al eerder geïmporteerd (import #{v['eerder_geimporteerd']['id']})."
        )
    regels.append(f"Status: {job.get_status_display()}")
    if job.status == ImportStatus.VOLTOOID:
        soort = "Grenzen" if job.soort == ImportSoort.GRENZEN else "Waarden"
        regels.append(
            f"{soort}: {job.nieuw} nieuw, {job.gewijzigd} gewijzigd, "
            f"{job.ongewijzigd} ongewijzigd; {job.geheim} geheim, "
            f"{job.ontbrekend} ontbrekend; {job.gebieden_nieuw} nieuwe gebieden"
        )
        if job.nieuw == 0 and job.gewijzigd == 0:
            regels.append("Er is niets veranderd: deze gegevens stonden er al.")
    if job.reden:
        regels.append(job.reden)
    for f in job.fouten[:50]:
        waar = f"rij {f['rij']}" if f.get("rij") else "bestand"
        kolom = f", kolom {f['kolom']}" if f.get("kolom") else ""
        regels.append(f"  - {waar}{kolom}: {f['melding']}")
    if len(job.fouten) > 50:
        regels.append(f"  … en nog {len(job.fouten) - 50} problemen")
    return regels
