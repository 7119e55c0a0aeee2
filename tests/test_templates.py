"""Blank CSV templates: exact content, safe writing, and they import as empty files."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.imports.templates import RESOURCE_DIR, TEMPLATES, template_text, write_template
from storage.reports.claims import parse as claims_csv
from storage.reports.messages import parse_csv as messages_csv

EXPECTED = {
    "messages": "message_id,order_id,thread_id,direction,timestamp,subject,body,sender,"
    "no_response_needed,automated",
    "claims": "claim_id,order_id,kind,filed_at,amount,currency,reason,status,"
    "info_requested_at,decided_at,buy_shipping_protected,notes",
}


def test_headers_are_the_spec_headers() -> None:
    assert TEMPLATES == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_write_template_writes_header_and_newline(tmp_path: Path, name: str) -> None:
    dest = write_template(name, tmp_path / f"blank-{name}.csv")
    assert dest == tmp_path / f"blank-{name}.csv"
    text = dest.read_text(encoding="utf-8")
    assert text.startswith(EXPECTED[name] + "\n# ") and text.endswith("\n")
    assert all(line.startswith("# ") for line in text.splitlines()[1:])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_write_template_into_a_folder_uses_the_template_name(tmp_path: Path, name: str) -> None:
    assert write_template(name, tmp_path) == tmp_path / f"{name}.csv"


def test_existing_file_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    dest = tmp_path / "claims.csv"
    dest.write_text("my filled-in claims\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_template("claims", dest)
    assert dest.read_text(encoding="utf-8") == "my filled-in claims\n"
    write_template("claims", dest, overwrite=True)
    assert dest.read_text(encoding="utf-8") == template_text("claims")


def test_unknown_template_name_lists_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="claims, messages"):
        write_template("orders", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_resource_matches_what_write_template_writes(name: str) -> None:
    shipped = RESOURCE_DIR / f"{name}.csv"
    assert shipped.read_bytes() == template_text(name).encode("utf-8")


@pytest.mark.parametrize(
    ("name", "module"),
    [("messages", messages_csv), ("claims", claims_csv)],
    ids=["messages", "claims"],
)
def test_blank_template_imports_as_no_records(tmp_path: Path, name: str, module: object) -> None:
    path = write_template(name, tmp_path)
    assert list(module.parse(path)) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_files_use_the_template_header(samples: Path, name: str) -> None:
    first = (samples / "seller-a" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first.lstrip("\ufeff") == TEMPLATES[name]


@pytest.mark.parametrize(
    ("name", "module"),
    [("messages", messages_csv), ("claims", claims_csv)],
    ids=["messages", "claims"],
)
def test_the_commented_example_row_imports_once_uncommented(
    tmp_path: Path, name: str, module: object
) -> None:
    lines = template_text(name).splitlines()
    example = next(line for line in lines[1:] if line.count(",") >= 5)
    path = tmp_path / f"{name}.csv"
    path.write_text(f"{lines[0]}\n{example[2:]}\n", encoding="utf-8")
    assert len(list(module.parse(path))) == 1  # type: ignore[attr-defined]


def test_the_claims_notes_list_every_allowed_value() -> None:
    from core.model import CLAIM_KINDS, CLAIM_REASONS, CLAIM_STATUSES

    text = template_text("claims")
    for value in (*CLAIM_KINDS, *CLAIM_REASONS, *CLAIM_STATUSES):
        assert value in text


def test_a_template_missing_a_column_names_it(tmp_path: Path) -> None:
    from storage.imports.errors import ImportRefused
    from storage.reports.detect import detect_kind

    header = EXPECTED["messages"].replace("direction,", "")
    path = tmp_path / "messages.csv"
    path.write_text(header + "\nM1,111-2345678-1234567,T1,2026-11-20 14:00,a,b,c,no,no\n")
    with pytest.raises(ImportRefused, match="messages.csv template, but its column direction"):
        detect_kind(path)
