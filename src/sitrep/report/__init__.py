"""The single-file HTML report: ``render_report(dossier) -> str``.

The page is one offline file: the stylesheet and the small script that opens the article around
an evidence link are inlined, and a Content-Security-Policy meta tag allows exactly those two
(by their SHA-256 hashes, computed here) and nothing from the network. The template is Jinja2
with autoescape on; values from the dossier are never marked safe. What the template shows is
built by :func:`sitrep.report.view.build_view`.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from sitrep.report.view import anchor_id, article_id, build_view

__all__ = ["anchor_id", "article_id", "build_view", "content_security_policy", "render_report"]


@cache
def _asset(name: str) -> str:
    text = resources.files("sitrep.report").joinpath("static", name).read_text(encoding="utf-8")
    # Inlined verbatim into <style>/<script>: a closing tag inside would end the element early.
    if "</" in text:
        raise ValueError(f"static/{name} must not contain '</'")
    return text


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sitrep.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in the template fails loudly, not silently
        trim_blocks=False,
        lstrip_blocks=False,
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(css: str, js: str) -> str:
    """Allow the inlined stylesheet and script (by hash), data: images, nothing else."""
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {_sha256(css)}",
            f"script-src {_sha256(js)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_report(dossier: dict[str, Any]) -> str:
    """Render a ``sitrep.dossier/1`` dict (as ``json.load`` gives it) as one HTML page."""
    css, js = _asset("report.css"), _asset("report.js")
    view = build_view(dossier)
    labels = [s["label"] for s in view["stories"] if s["label"]]
    title = labels[0] if len(labels) == 1 else "; ".join(labels[:3]) or "Situation report"
    if len(labels) > 3:
        title += f" and {len(labels) - 3} more"
    template = _environment().get_template("report.html.j2")
    return template.render(
        v=view,
        title=title,
        csp=content_security_policy(css, js),
        # Our own assets, not dossier content: inlined as they are (checked for "</" above).
        css=Markup(css),
        js=Markup(js),
    )
