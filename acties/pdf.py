"""The regiovisie as a PDF, rendered by WeasyPrint from `acties/document_pdf.html`.

WeasyPrint (and the pango it needs) is imported only here, when a PDF is asked for. It never
goes to the network: the URL fetcher serves the app's own static files (the stylesheet, the logo)
from STATIC_ROOT or the static finders and refuses every other URL. Fonts come from the machine
through fontconfig (DejaVu Sans, in Debian's fonts-dejavu-core).
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils._os import safe_join

from .document import document
from .models import Regiovisie

# Used when the caller has no request to take the base URL from (management commands, tests).
STANDAARD_BASIS = "http://veilig-opgroeien.invalid/"


def statisch_bestand(url: str, basis: str) -> Path | None:
    """The file behind a static URL of this app (on the host of `basis`), or None."""
    delen, basisdelen = urlsplit(url), urlsplit(basis)
    if delen.scheme not in ("http", "https") or delen.netloc != basisdelen.netloc:
        return None
    prefix = urlsplit(settings.STATIC_URL).path
    pad = unquote(delen.path)
    if not pad.startswith(prefix):
        return None
    relatief = pad[len(prefix) :]
    if settings.STATIC_ROOT:
        try:
            kandidaat = Path(safe_join(str(settings.STATIC_ROOT), relatief))
        except Exception:  # SuspiciousFileOperation: outside STATIC_ROOT
            return None
        if kandidaat.is_file():
            return kandidaat
    gevonden = finders.find(relatief)
    return Path(gevonden) if isinstance(gevonden, str) else None


def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatischeFetcher(URLFetcher):
        """Serves the app's static files only; every other URL is refused (no network)."""

        def __init__(self, basis: str, **kwargs: Any):
            super().__init__(**kwargs)
            self.basis = basis

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            pad = statisch_bestand(url, self.basis)
            if pad is None:
                raise ValueError(f"Geweigerd: {url} is geen statisch bestand van het portaal")
            soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, pad.read_bytes(), headers={"Content-Type": soort}, status=200
            )

    return StatischeFetcher


def render_html(regiovisie: Regiovisie) -> str:
    return render_to_string("acties/document_pdf.html", {"doc": document(regiovisie)})


def html_naar_pdf(html: str, base_url: str | None = None) -> bytes:
    """Any page of the portal rendered as HTML, as a PDF: WeasyPrint with the static-only URL
    fetcher (no network). Shared with Stap 3 (the bestuurlijk overzicht, the jaarrapport).
    `base_url` is the site root the static URLs resolve against."""
    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter
    basis = base_url or STANDAARD_BASIS
    return HTML(string=html, base_url=basis, url_fetcher=_fetcher_class()(basis)).write_pdf()


def regiovisie_pdf(regiovisie: Regiovisie, base_url: str | None = None) -> bytes:
    """The PDF of this regiovisie (A4, title page, contents with page numbers, numbered
    chapters). `base_url` is the site root the static URLs resolve against."""
    return html_naar_pdf(render_html(regiovisie), base_url)
