"""Every asset is served by the app itself: collected, fingerprinted, compressed, no CDN."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_fingerprints_and_compresses(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    css = list(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css"))
    assert len(css) == 1, "bootstrap.min.css is not fingerprinted"
    assert Path(f"{css[0]}.gz").exists() and Path(f"{css[0]}.br").exists()
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.parametrize(
    "path", sorted(p for p in (ROOT / "templates").rglob("*.html")), ids=lambda p: p.name
)
def test_templates_load_nothing_from_other_sites(path):
    html = path.read_text(encoding="utf-8")
    external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
    assert external == []


def test_static_css_refers_to_no_other_site():
    for css in (ROOT / "static").rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css
