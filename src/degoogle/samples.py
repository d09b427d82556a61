"""A small, realistic French Google Takeout export for ``degoogle demo``.

Marie's export in miniature: two zip parts, about forty Drive files (tax papers, holiday photos,
recipes), the names that trip a move up (a name Nextcloud refuses, a trailing space, the same name
twice once composed and once decomposed, an empty file), plus her mail, calendar and contacts, so
that the plan shows them as found but not moved by this version. Same bytes at every call.
"""

from __future__ import annotations

import base64
import calendar
import logging
import random
import struct
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

log = logging.getLogger(__name__)

_PART_STEM = "takeout-20261120T101010Z"
_SEED = 2008  # Marie opened her Gmail account in 2008
_EXPORT_TIME = calendar.timegm((2026, 11, 20, 10, 10, 10))

_MAIL = "Takeout/Mail/Tous les messages, y compris ceux du dossier Spam et de la corbeille.mbox"
_CALENDAR = "Takeout/Agenda/Famille.ics"
_CONTACTS = "Takeout/Contacts/Tous les contacts/Tous les contacts.vcf"
_KEEP = "Takeout/Keep/Liste de courses.json"


def make_sample_takeout(dest_dir: Path) -> list[Path]:
    """Write the sample export into ``dest_dir`` (created if needed) and return its two zip parts, in order.

    Overwrites earlier parts of the same name. Raises ``OSError`` when ``dest_dir`` cannot be written.
    """
    rng = random.Random(_SEED)
    drive = _drive_files(rng)
    half = len(drive) // 2
    first = [("Takeout/archive_browser.html", _index_page()), *drive[:half]]
    second = [*drive[half:], (_MAIL, _mbox()), (_CALENDAR, _ics()), (_CONTACTS, _vcf()),
              (_KEEP, _text('{"title": "Liste de courses", "textContent": "beurre salé, farine, cidre"}'))]
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, members in enumerate((first, second), start=1):
        path = dest_dir / f"{_PART_STEM}-{number:03d}.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in members:
                # files keep dates spread over the last years, like a real Drive
                when = _EXPORT_TIME - rng.randrange(30, 2000) * 86400
                info = zipfile.ZipInfo(name, date_time=_utc_tuple(when))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                archive.writestr(info, data)
        paths.append(path)
    log.info("sample Takeout export written: %d parts, %d Drive files", len(paths), len(drive))
    return paths


def _drive_files(rng: random.Random) -> list[tuple[str, bytes]]:
    """Drive members as (member path, content)."""
    files: list[tuple[str, bytes]] = []

    def add(path: str, data: bytes) -> None:
        files.append((f"Takeout/Drive/{path}", data))

    taxes = "Documents/Impôts 2025"
    add(f"{taxes}/Déclaration revenus 2025.pdf", _pdf("Déclaration des revenus 2025", rng, 40))
    add(f"{taxes}/Avis d'impôt 2025.pdf", _pdf("Avis d'impôt sur le revenu 2025", rng, 25))
    add(f"{taxes}/Justificatifs/Dons Restos du Cœur.pdf", _pdf("Reçu fiscal - Restos du Cœur", rng, 8))
    add(f"{taxes}/Justificatifs/Aide à domicile 2025.pdf", _pdf("Attestation emploi à domicile", rng, 10))
    add("Documents/Maison/Devis: cuisine?.pdf", _pdf("Devis cuisine équipée", rng, 15))
    add("Documents/Maison/Facture électricité janvier.pdf", _pdf("Facture électricité - janvier", rng, 12))
    add("Documents/Maison/Assurance habitation.pdf", _pdf("Contrat assurance habitation", rng, 30))
    add("Documents/Maison/Notes .txt", _text("Appeler le plombier avant l'hiver.\nRamoner la cheminée.\n"))
    add("Documents/Maison/Numéros utiles.txt ", _text("Pharmacie : 04 222 00 00\nMairie : 04 221 00 00\n"))
    add("Documents/Santé/Carnet de vaccination.pdf", _pdf("Carnet de vaccination", rng, 6))
    add("Documents/Santé/Ordonnance Dr Lambert.pdf", _pdf("Ordonnance", rng, 4))
    add("Documents/Nouveau document.txt", b"")
    # the same name twice: composed "é" (as typed on Linux/Windows) and decomposed "e" + accent (macOS)
    add(unicodedata.normalize("NFC", "Documents/Résumé réunion du club.txt"),
        _text("Réunion du club de marche : sortie à Spa le 12 avril.\n"))
    add(unicodedata.normalize("NFD", "Documents/Résumé réunion du club.txt"),
        _text("Réunion du club de marche : sortie aux Hautes Fagnes le 3 mai.\n"))
    for number in range(1, 11):
        add(f"Photos/Vacances Bretagne/IMG_202507{10 + number}_{number:04d}.png", _png(rng, 256, 192))
    for number in range(1, 5):
        add(f"Photos/Anniversaire Mamie 80 ans/Photo {number}.png", _png(rng, 200, 150))
    add("Photos/Scans/Photo de classe 1965.png", _png(rng, 300, 200))
    recipes = {
        "Far breton.txt": "Far breton\n\n250 g de farine, 150 g de sucre, 4 œufs, 1 l de lait, pruneaux.\n",
        "Crêpes de Mamie.txt": "Crêpes\n\n500 g de farine, 6 œufs, 1 l de lait, une pincée de sel.\n",
        "Kig ha farz.txt": "Kig ha farz\n\nPlat breton du dimanche : jarret, lard, chou, farz noir.\n",
        "Gaufres de Liège.txt": "Gaufres de Liège\n\n500 g de farine, 250 g de sucre perlé, levure.\n",
        "Soupe à l'oignon.txt": "Soupe à l'oignon\n\n6 oignons, 1,5 l de bouillon, pain rassis, gruyère.\n",
    }
    for name, text in recipes.items():
        add(f"Recettes/{name}", _text(text * 3))
    add("Famille/Arbre généalogique.txt", _text("Jeanne Dupont (1931-2019) ⚭ Henri Lemaire (1928-2002)\n"))
    for year in (1998, 2003, 2011):
        add(f"Famille/Lettres/Lettre de Jeanne {year}.txt", _text(f"Ma chère Marie,\n\n{_lorem(rng, 60)}\n"))
    add("Famille/Lettres/Carte postale de Dinan.png", _png(rng, 200, 140))
    add("Association/Compte rendu AG 2025.pdf", _pdf("Compte rendu de l'assemblée générale", rng, 20))
    add("Association/Liste des membres.txt", _text("".join(f"Membre {n}\n" for n in range(1, 41))))
    add("Lisez-moi.txt", _text("Mes documents, rangés par Karim en 2024.\n"))
    return files


def _text(text: str) -> bytes:
    return text.encode("utf-8")


_WORDS = ("le", "jardin", "pluie", "marché", "vélo", "petits-enfants", "soleil", "tarte", "voisin", "lettre",
          "dimanche", "promenade", "château", "forêt", "été", "hiver", "musique", "café", "église", "mer")


_GRAIN = bytes(value & 0x3F for value in range(256))


def _lorem(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _pdf(title: str, rng: random.Random, lines: int) -> bytes:
    """A minimal valid PDF 1.4: one page showing the title and ``lines`` lines of text."""
    body = [f"BT /F1 16 Tf 72 760 Td ({_pdf_escape(title)}) Tj ET"]
    for row in range(lines):
        body.append(f"BT /F1 10 Tf 72 {730 - 14 * (row % 48)} Td ({_pdf_escape(_lorem(rng, 12))}) Tj ET")
    stream = "\n".join(body).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _png(rng: random.Random, width: int, height: int) -> bytes:
    """An RGB PNG: a sky-to-sand gradient with grain, so that it compresses like a photo (barely)."""
    top, bottom = (rng.randrange(90, 140), rng.randrange(150, 200), 224), (220, 200, rng.randrange(120, 170))
    span = width * 3
    # channels stay within 32..224 and grain within 0..63, so adding the rows as big integers and
    # taking 32 off each byte never carries from one byte into the next: fast, and no clamping
    minus = int.from_bytes(b"\x20" * span, "big")
    rows = bytearray()
    for y in range(height):
        mix = y / max(1, height - 1)
        base = bytes(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)) * width
        grain = rng.randbytes(span).translate(_GRAIN)
        row = int.from_bytes(base, "big") + int.from_bytes(grain, "big") - minus
        rows += b"\x00" + row.to_bytes(span, "big")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(rows), 6)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _mbox() -> bytes:
    messages = [
        ("Jeanne Lemaire <jeanne@example.be>", "Photos de l'anniversaire", "Boîte de réception,Famille",
         "Bonjour Marie,\n\nVoici les photos de samedi. Mamie était ravie !\n\nBisous,\nJeanne\n"),
        ("Club de marche <club@example.org>", "Sortie du 12 avril à Spa", "Boîte de réception,Important",
         "Rendez-vous à 9 h devant l'église. Prévoir des chaussures de marche.\n"),
        ("Marie Dupont <marie.dupont@gmail.com>", "Re: Recette du far", "Messages envoyés",
         "Il faut 250 g de farine et des pruneaux dénoyautés.\n"),
        ("Karim <karim@chaton.example>", "", "Chat", "Tu as bien reçu le lien pour le nouveau cloud ?\n"),
    ]
    out = []
    for number, (sender, subject, labels, body) in enumerate(messages, start=1):
        out.append(
            f"From 17{number:02d}000000000000@xxx Mon Mar 1{number} 10:00:00 +0000 2025\n"
            f"X-GM-THRID: 17{number:02d}00000000000\nX-Gmail-Labels: {labels}\n"
            f"From: {sender}\nTo: Marie Dupont <marie.dupont@gmail.com>\n"
            f"Subject: =?UTF-8?B?{_b64(subject)}?=\nDate: Mon, 1{number} Mar 2025 10:00:00 +0100\n"
            f"Message-ID: <sample-{number}@example.org>\nMIME-Version: 1.0\n"
            f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n"
        )
    return "".join(out).encode("utf-8")


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _ics() -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "X-WR-CALNAME:Famille", "X-WR-TIMEZONE:Europe/Brussels",
        "BEGIN:VEVENT", "UID:anniv-mamie@google.com", "DTSTART;VALUE=DATE:20250614",
        "DTEND;VALUE=DATE:20250615", "RRULE:FREQ=YEARLY", "SUMMARY:Anniversaire de Mamie", "END:VEVENT",
        "BEGIN:VEVENT", "UID:club-marche@google.com", "DTSTART;TZID=Europe/Brussels:20250412T090000",
        "DTEND;TZID=Europe/Brussels:20250412T160000", "SUMMARY:Sortie du club de marche à Spa",
        "LOCATION:Église Saint-Remacle\\, Spa", "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _vcf() -> bytes:
    people = [("Lemaire", "Jeanne", "+32 470 12 34 56"), ("Dupont", "Henri", "+32 4 222 33 44"),
              ("Benali", "Karim", "+32 485 00 11 22")]
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{last};{first};;;\r\nFN:{first} {last}\r\nTEL;TYPE=CELL:{tel}\r\n"
        f"CATEGORIES:myContacts\r\nEND:VCARD\r\n"
        for last, first, tel in people
    ]
    return "".join(cards).encode("utf-8")


def _index_page() -> bytes:
    return ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Archive de vos données Google'
            "</title></head><body><h1>Archive de vos données Google</h1></body></html>").encode()


def _utc_tuple(when: float) -> tuple[int, int, int, int, int, int]:
    # UTC, not local time: the parts must be the same bytes on every machine
    year, month, day, hour, minute, second = time.gmtime(when)[:6]
    return year, month, day, hour, minute, second
