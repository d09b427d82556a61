"""A Keep note's JSON read defensively and written as Markdown for Nextcloud Notes."""

from __future__ import annotations

import pytest

from degoogle.convert.keep_notes import file_name, folder_of, note_title, read_note, to_markdown


def test_a_checklist_with_labels_and_an_attachment() -> None:
    note = read_note({
        "title": "Courses", "isArchived": True, "userEditedTimestampUsec": 1_700_000_000_123_456,
        "listContent": [{"text": "pain", "isChecked": False}, {"text": "lait", "isChecked": True}],
        "labels": [{"name": "Maison"}, {"name": "Urgent"}], "attachments": [{"filePath": "a b.jpg"}],
    })
    assert folder_of(note) == ("Notes", "Archive", "Maison")
    assert note.edited == pytest.approx(1_700_000_000.123456)
    assert to_markdown(note, "Courses", ["a b.jpg"]).split("\n") == [
        "# Courses", "", "- [ ] pain", "- [x] lait", "", "![a b.jpg](a%20b.jpg)", "", "Labels: Maison, Urgent", ""]


@pytest.mark.parametrize(("data", "title"), [
    ({"title": "  Idées  "}, "Idées"),
    ({"textContent": "\n\nPremière ligne\nsuite"}, "Première ligne"),
    ({"listContent": [{"text": "acheter du pain"}]}, "acheter du pain"),
    ({}, "fallback"),
    ({"title": None, "textContent": 12}, "fallback"),
])
def test_a_note_without_title_is_named_by_its_first_line(data: dict, title: str) -> None:
    assert note_title(read_note(data), "fallback") == title


def test_names_hold_no_path_separator_and_no_label_makes_no_category() -> None:
    assert file_name("a/b\\c") == "a-b-c.md"
    assert folder_of(read_note({"labels": "not a list"})) == ("Notes",)


def test_not_a_note() -> None:
    with pytest.raises(ValueError):
        read_note([1, 2])
